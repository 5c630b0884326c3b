using Cpaas.Client.Models;

namespace Cpaas.Client;

/// <summary>One page of the project list, with the query as the server echoed it.</summary>
/// <param name="Projects">The page's projects.</param>
/// <param name="Search">The query as the server echoed it, if it did.</param>
/// <param name="ServedAt">
/// The response's HTTP <c>Date</c>: when the server produced the page, on the API's clock (whole seconds); null when the
/// response had none. The drift sweep compares pages with it (docs/decisions/0042).
/// </param>
public sealed record ProjectPage(IReadOnlyList<ProjectSummary> Projects, ProjectSearchEcho? Search, DateTimeOffset? ServedAt = null);

/// <summary>The outcome of edit or a video / voice / sms PATCH: the server's message and project reference.</summary>
public sealed record ProjectUpdateResult(ProjectReference? Project, string? Message);

/// <summary>The outcome of the video-embed PATCH: the project reference and the embed room with its meeting URLs.</summary>
public sealed record VideoEmbedResult(ProjectReference? Project, EmbedRoom? Room, string? Message);
