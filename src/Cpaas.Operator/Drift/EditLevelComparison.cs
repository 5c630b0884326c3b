using Cpaas.Client.Models;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Which managed Edit-level fields a listed project has changed, named as the Edit plan names them (appName,
/// categoryId, shortDescription, description, suspended, servicesIncluded). Same rules as the Edit call: unmanaged
/// fields are ignored, status compares without case, a service missing from the list counts as not included.
/// </summary>
public static class EditLevelComparison
{
    public static IReadOnlyList<string> ChangedFields(DesiredEditFields desired, ProjectCommon listed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(listed);
        var changed = new List<string>();
        Compare(changed, "appName", desired.AppName, listed.AppName, StringComparison.Ordinal);
        Compare(changed, "categoryId", desired.CategoryId, listed.CategoryId, StringComparison.Ordinal);
        Compare(changed, "shortDescription", desired.ShortDesc, listed.ShortDesc, StringComparison.Ordinal);
        Compare(changed, "description", desired.Description, listed.Description, StringComparison.Ordinal);
        Compare(changed, "suspended", desired.Status, listed.Status, StringComparison.OrdinalIgnoreCase);
        var services = listed.ServicesIncl;
        if ((desired.Services.Video ?? false) != (services?.Video ?? false)
            || (desired.Services.Sms ?? false) != (services?.Sms ?? false)
            || (desired.Services.Voice ?? false) != (services?.Voice ?? false))
        {
            changed.Add("servicesIncluded");
        }

        return changed;
    }

    private static void Compare(List<string> changed, string field, string? desired, string? listed, StringComparison comparison)
    {
        if (desired is not null && !string.Equals(desired, listed, comparison))
        {
            changed.Add(field);
        }
    }
}
