using Quickstart.Tests.Support;

namespace Quickstart.Tests.Unit;

public sealed class AlertRulesTests
{
    [Theory]
    [InlineData("max by (namespace, reason) (cpaas_operator_oldest_not_ready_seconds{job=\"x\", reason!~\"A|B\"}) > 900", "cpaas_operator_oldest_not_ready_seconds")]
    [InlineData("sum by (controller) (rate(a_total{job=\"x\"}[5m])) / sum by (controller) (rate(b_total[5m])) > 0.1", "a_total,b_total")]
    [InlineData("absent(up{job=\"cpaas-operator-metrics\"} == 1)", "up")]
    [InlineData("sum(changes(cpaas_operator_leader[1h])) > 6 and on (job) x unless y offset 5m", "cpaas_operator_leader,x,y")]
    public void Metric_names_are_the_selected_series_not_functions_labels_or_keywords(string expression, string expected)
    {
        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), AlertRules.MetricNames(expression).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_alert_of_the_PrometheusRule_is_read()
    {
        var alerts = AlertRules.Load();

        Assert.Contains(alerts, a => a.Alert == "CpaasOperatorDown");
        Assert.All(alerts, a => Assert.NotEmpty(AlertRules.MetricNames(a.Expression)));
    }
}
