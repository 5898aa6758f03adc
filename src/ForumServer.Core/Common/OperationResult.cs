namespace ForumServer.Core.Common;

/// <summary>A rule a value broke, named by the field it came from.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of a domain operation: a value, or the reasons it was refused.</summary>
public sealed class OperationResult<T>
{
    private OperationResult(T? value, IReadOnlyList<FieldError> errors, bool notFound, bool forbidden)
    {
        Value = value;
        Errors = errors;
        NotFound = notFound;
        Forbidden = forbidden;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool NotFound { get; }
    public bool Forbidden { get; }
    public bool Succeeded => Errors.Count == 0 && !NotFound && !Forbidden;

    public static OperationResult<T> Ok(T value) => new(value, [], false, false);
    public static OperationResult<T> Invalid(params FieldError[] errors) => new(default, errors, false, false);
    public static OperationResult<T> Missing() => new(default, [], true, false);
    public static OperationResult<T> Denied() => new(default, [], false, true);
}
