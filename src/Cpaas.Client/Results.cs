using Cpaas.Client.Models;

namespace Cpaas.Client;

/// <summary>One page of the project list, with the query as the server echoed it.</summary>
public sealed record ProjectPage(IReadOnlyList<ProjectSummary> Projects, ProjectSearchEcho? Search);

/// <summary>The outcome of edit or a video / voice / sms PATCH: the server's message and project reference.</summary>
public sealed record ProjectUpdateResult(ProjectReference? Project, string? Message);

/// <summary>The outcome of the video-embed PATCH: the project reference and the embed room with its meeting URLs.</summary>
public sealed record VideoEmbedResult(ProjectReference? Project, EmbedRoom? Room, string? Message);
