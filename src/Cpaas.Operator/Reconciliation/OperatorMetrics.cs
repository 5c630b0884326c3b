using Prometheus;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The operator's own Prometheus metrics, beside the controller runtime's and the CPaaS client's.</summary>
public sealed class OperatorMetrics
{
    public OperatorMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        DriftCorrections = factory.CreateCounter("cpaas_operator_drift_corrections_total", "Out-of-band changes to CPaaS projects that were reverted.");
        ProjectsCreated = factory.CreateCounter("cpaas_operator_projects_created_total", "CPaaS projects created (POST add succeeded).");
        ProjectsAdopted = factory.CreateCounter("cpaas_operator_projects_adopted_total", "Projects found again after an interrupted create and adopted instead of created.");
        KeyRotations = factory.CreateCounter("cpaas_operator_key_rotations_total", "App keys reset on request (spec.apiKeyRotation).");
        SecretWrites = factory.CreateCounter("cpaas_operator_connection_secret_writes_total", "Connection Secrets created or rewritten.");
    }

    public Counter DriftCorrections { get; }

    public Counter ProjectsCreated { get; }

    public Counter ProjectsAdopted { get; }

    public Counter KeyRotations { get; }

    public Counter SecretWrites { get; }
}
