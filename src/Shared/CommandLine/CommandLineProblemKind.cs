namespace Shared.CommandLine;

internal enum CommandLineProblemKind
{
    /// <summary>A word starting with '-' that is no flag (<see cref="CommandLineProblem.Suggestion"/>: the closest one, for a near miss).</summary>
    UnknownFlag,

    /// <summary>A word that is not a flag nor a flag's value.</summary>
    StrayArgument,

    /// <summary>A flag without its value at the end of the line.</summary>
    MissingValue,

    /// <summary>A flag whose value does not parse (<see cref="CommandLineProblem.Message"/> says why).</summary>
    InvalidValue,
}
