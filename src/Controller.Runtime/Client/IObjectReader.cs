namespace Controller.Runtime.Client;

/// <summary>Reads one object from the API server (a GET); null when it does not exist. A seam for tests.</summary>
public interface IObjectReader<T>
{
    Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken);
}
