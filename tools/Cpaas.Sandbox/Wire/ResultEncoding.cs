namespace Cpaas.Sandbox.Wire;

/// <summary>How the envelope's <c>result</c> is written: EnableX documents both <c>1</c> and <c>"1"</c>.</summary>
public enum ResultEncoding
{
    Number,
    String,
}
