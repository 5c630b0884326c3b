namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>CpaasProject YAML that several test classes share.</summary>
internal static class TestProjects
{
    /// <summary>A project whose video SIP password comes from key <c>password</c> of the Secret <c>sip</c> in its namespace.</summary>
    public static string SipPasswordFromSecret(string name, string appName) => $"""
        metadata:
          name: {name}
        spec:
          appName: {appName}
          categoryId: education
          video:
            notificationUrl: https://hooks.example.com/sip
            sip:
              serverUrl: sip.example.com
              username: sip-user
              passwordSecretRef:
                name: sip
                key: password
        """;
}
