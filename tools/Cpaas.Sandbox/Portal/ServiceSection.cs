namespace Cpaas.Sandbox.Portal;

/// <summary>A project's service settings section, as its PATCH route names it.</summary>
public enum ServiceSection
{
    Video,
    Voice,
    Sms,
}
