namespace Kube.Sandbox.Storage;

/// <summary>A resource independent of version: objects are stored once per group and plural name.</summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
