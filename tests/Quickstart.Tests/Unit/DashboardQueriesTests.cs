using Quickstart.Tests.Support;

namespace Quickstart.Tests.Unit;

public sealed class DashboardQueriesTests
{
    [Fact]
    public void Every_panel_query_and_the_namespace_variable_s_selector_are_read_and_name_a_metric()
    {
        var queries = DashboardQueries.Load();

        Assert.Contains(queries, q => q.Source == "panel Work queue depth, by priority" && q.Expression.Contains("workqueue_depth", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Source == "variable namespace" && q.Expression == "cpaas_operator_projects{job=\"$job\"}");
        Assert.All(queries, q => Assert.NotEmpty(AlertRules.MetricNames(q.Expression)));
    }

    [Theory]
    [InlineData("time() - max by (account) (a_timestamp_seconds{job=\"$job\"})", "a_timestamp_seconds")]
    [InlineData("histogram_quantile(0.99, sum by (name, le) (rate(b_bucket{job=\"$job\"}[$__rate_interval])))", "b_bucket")]
    [InlineData("sum(max by (namespace) (c{job=\"$job\", namespace=~\"$namespace\"})) or vector(0)", "c")]
    public void Metric_names_of_dashboard_queries_ignore_Grafana_variables_and_functions(string expression, string expected)
    {
        Assert.Equal(new[] { expected }, AlertRules.MetricNames(expression));
    }
}
