namespace Cpaas.Sandbox.Store;

/// <summary>The project's <c>services_incl</c>.</summary>
public readonly record struct ServicesIncluded(bool Video, bool Sms, bool Voice)
{
    public bool Any => Video || Sms || Voice;
}
