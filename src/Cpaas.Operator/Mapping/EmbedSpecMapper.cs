using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec embed section to the client's typed PATCH video-embed body (generated: <see cref="SpecPatchMapper"/>).</summary>
public static class EmbedSpecMapper
{
    private static readonly SpecPatchMapper NoSecrets = new(new Dictionary<SecretKeySelector, string>());

    /// <summary>The PATCH body with every field the spec sets (the embed section references no secret).</summary>
    public static VideoEmbedPatch ToPatch(EmbedSpec spec) =>
        NoSecrets.ToPatch(spec ?? throw new ArgumentNullException(nameof(spec)));
}
