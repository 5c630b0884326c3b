using System.Security.Cryptography;
using System.Text;

namespace Cpaas.Sandbox.Accounts;

/// <summary>The accounts the sandbox accepts and the customers they belong to.</summary>
internal sealed class AccountRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _customerNames = new(StringComparer.Ordinal);

    /// <summary>Adds an account, or replaces the one with the same api_id (credentials replaceable at run time).</summary>
    public void Add(SandboxAccount account, string? customerName = null)
    {
        lock (_gate)
        {
            _accounts[account.ApiId] = account;
            if (customerName is not null || !_customerNames.ContainsKey(account.CustomerId))
            {
                _customerNames[account.CustomerId] = customerName ?? $"Customer {account.CustomerId}";
            }
        }
    }

    public bool Remove(string apiId)
    {
        lock (_gate)
        {
            return _accounts.Remove(apiId);
        }
    }

    public void AddCustomer(string customerId, string name)
    {
        lock (_gate)
        {
            _customerNames[customerId] = name;
        }
    }

    public IReadOnlyList<SandboxAccount> All()
    {
        lock (_gate)
        {
            return _accounts.Values.OrderBy(a => a.ApiId, StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyDictionary<string, string> Customers()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_customerNames, StringComparer.Ordinal);
        }
    }

    public bool CustomerExists(string customerId)
    {
        lock (_gate)
        {
            return _customerNames.ContainsKey(customerId);
        }
    }

    public string CustomerName(string customerId)
    {
        lock (_gate)
        {
            return _customerNames.TryGetValue(customerId, out var name) ? name : string.Empty;
        }
    }

    /// <summary>The account the credentials belong to, or null (unknown api_id or wrong key).</summary>
    public SandboxAccount? Authenticate(BasicCredentials credentials)
    {
        SandboxAccount? account;
        lock (_gate)
        {
            _accounts.TryGetValue(credentials.ApiId, out account);
        }

        if (account is null)
        {
            return null;
        }

        var expected = Encoding.UTF8.GetBytes(account.ApiKey);
        var given = Encoding.UTF8.GetBytes(credentials.ApiKey);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? account : null;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _accounts.Clear();
            _customerNames.Clear();
        }
    }
}
