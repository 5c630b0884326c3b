namespace Cpaas.Sandbox.Store;

/// <summary>The categories (the API documentation's "data-pool") that category_id is validated against.</summary>
public sealed class CategoryCatalog
{
    /// <summary>The categories a new or reset sandbox has.</summary>
    public static IReadOnlyList<SandboxCategory> Defaults { get; } =
    [
        new("education", "Education"),
        new("healthcare", "Healthcare"),
        new("customer-support", "Customer Support"),
        new("banking", "Banking and Finance"),
        new("other", "Other"),
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Add(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            _names[id] = name;
        }
    }

    public bool Contains(string id)
    {
        lock (_gate)
        {
            return _names.ContainsKey(id);
        }
    }

    public string NameOf(string id)
    {
        lock (_gate)
        {
            return _names.TryGetValue(id, out var name) ? name : string.Empty;
        }
    }

    public IReadOnlyList<SandboxCategory> All()
    {
        lock (_gate)
        {
            return _names.Select(p => new SandboxCategory(p.Key, p.Value)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        }
    }

    internal void ResetTo(IEnumerable<SandboxCategory> categories)
    {
        lock (_gate)
        {
            _names.Clear();
            foreach (var category in categories)
            {
                _names[category.Id] = category.Name;
            }
        }
    }
}
