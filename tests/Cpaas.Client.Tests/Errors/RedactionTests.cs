using Cpaas.Client.Models;

namespace Cpaas.Client.Tests.Errors;

public sealed class RedactionTests
{
    [Fact]
    public void Account_prints_id_and_url_but_never_the_key()
    {
        var account = new CpaasAccount("my-api-id", "very-secret-api-key", "https://api.enablex.io/cpaas");

        var printed = account.ToString();

        Assert.Contains("my-api-id", printed, StringComparison.Ordinal);
        Assert.Contains("https://api.enablex.io/cpaas/", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-api-key", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_with_the_same_values_are_equal_and_base_url_gets_a_trailing_slash()
    {
        Assert.Equal(new CpaasAccount("a", "k", "https://h.test/cpaas"), new CpaasAccount("a", "k", "https://h.test/cpaas/"));
        Assert.NotEqual(new CpaasAccount("a", "k1", "https://h.test/cpaas"), new CpaasAccount("a", "k2", "https://h.test/cpaas"));
    }

    [Fact]
    public void Records_that_hold_secrets_print_them_masked()
    {
        const string Secret = "pa55-w0rd-value";
        object[] holders =
        [
            new ProjectCredentials { AppId = "app", AppKey = Secret },
            new ProjectDetails { AppId = "app", AppKey = Secret, Video = new VideoSettings { Sip = new SipSettings { Password = Secret } } },
            new ProjectSummary { AppKey = Secret },
            new SipSettings { Password = Secret },
            new FtpDelivery { Password = Secret },
            new ScpDelivery { Password = Secret },
            new S3Delivery { SecretKey = Secret, AccessKeyId = Secret },
            new GdriveDelivery { AccessFile = Secret },
            new AzureDelivery { AccessKey = Secret },
            new SmsWebhook { Password = Secret },
            new VideoEncryptionPatch { EncryptionKey = Secret },
            new ProjectCredentialsResponse { Result = "1", Project = new ProjectCredentials { AppKey = Secret } },
            new VideoSettingsPatch { Recording = new RecordingSettingsPatch { Delivery = new RecordingDeliveryPatch { S3 = new S3Delivery { SecretKey = Secret } } } },
        ];

        foreach (var holder in holders)
        {
            Assert.DoesNotContain(Secret, holder.ToString(), StringComparison.Ordinal);
        }
    }
}
