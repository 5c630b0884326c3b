using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;

namespace Controller.Runtime.Client;

/// <summary>
/// The HTTP side of a <see cref="KubernetesClientConfiguration"/>: base address, TLS (the cluster's CA, or none when
/// the configuration skips verification; a client certificate) and credentials (bearer tokens re-read from the
/// service account file, exec plugins, basic auth), as KubernetesClient's <see cref="Kubernetes"/> sets them up.
/// Without that class: constructing it reads KubernetesJson's options, which roots every model of
/// KubernetesClient.Aot in a Native AOT executable (tens of MB of memory), and the runtime needs none of its typed calls.
/// </summary>
public sealed class KubeConnection : IDisposable
{
    /// <param name="config">Where the API server is and how to authenticate.</param>
    /// <param name="identity">The User-Agent of every request and the field manager of every write; null: the HTTP library's defaults.</param>
    public KubeConnection(KubernetesClientConfiguration config, KubeClientIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Host) || !Uri.TryCreate(config.Host, UriKind.Absolute, out var host))
        {
            throw new ArgumentException("The Kubernetes configuration names no valid host URL.", nameof(config));
        }

        // A trailing slash, so that relative paths (api/v1/...) resolve below any path prefix of the host.
        BaseUri = host.AbsoluteUri.EndsWith('/') ? host : new Uri(host.AbsoluteUri + "/");
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (BaseUri.Scheme == Uri.UriSchemeHttps)
        {
            ConfigureTls(handler.SslOptions, config);
        }

        config.FirstMessageHandlerSetup?.Invoke(handler);
        HttpClient = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        identity?.Apply(HttpClient.DefaultRequestHeaders);
        Identity = identity;
        Credentials = Kubernetes.CreateCredentials(config);
    }

    public Uri BaseUri { get; }

    public HttpClient HttpClient { get; }

    /// <summary>How this connection names itself to the API server (null: unnamed).</summary>
    public KubeClientIdentity? Identity { get; }

    /// <summary>Adds the Authorization header to each request (null: anonymous).</summary>
    public ServiceClientCredentials? Credentials { get; }

    public void Dispose() => HttpClient.Dispose();

    private static void ConfigureTls(SslClientAuthenticationOptions ssl, KubernetesClientConfiguration config)
    {
        if (!string.IsNullOrWhiteSpace(config.TlsServerName))
        {
            ssl.TargetHost = config.TlsServerName;
        }

        if (config.SkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else
        {
            var caCerts = config.SslCaCerts ?? throw new ArgumentException("The Kubernetes configuration has no CA and does not skip TLS verification.", nameof(config));
            ssl.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                certificate is not null && chain is not null && Kubernetes.CertificateValidationCallBack(sender, caCerts, certificate, chain, errors);
        }

        if (ClientCertificate(config) is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];
        }
    }

    // client-certificate(-data) and client-key(-data) of the kubeconfig: PEM, inline (base64) or in files.
    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration config)
    {
        var certificate = Pem(config.ClientCertificateData, config.ClientCertificateFilePath);
        var key = Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);
    }

    private static string? Pem(string? base64, string? path) =>
        !string.IsNullOrWhiteSpace(base64) ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
        : !string.IsNullOrWhiteSpace(path) ? File.ReadAllText(path)
        : null;
}
