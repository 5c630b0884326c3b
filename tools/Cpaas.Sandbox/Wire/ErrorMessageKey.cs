namespace Cpaas.Sandbox.Wire;

/// <summary>The key an error's message is written under: the projects API uses <c>msg</c>, other EnableX APIs <c>error</c>.</summary>
public enum ErrorMessageKey
{
    Msg,
    Error,
}
