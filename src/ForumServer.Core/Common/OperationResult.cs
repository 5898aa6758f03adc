using System.Globalization;
using ForumServer.Core.Localization;

namespace ForumServer.Core.Common;

/// <summary>A rule a value broke, named by the field it came from. <see cref="Message"/> is the English text.</summary>
public sealed record FieldError(string Field, string Message)
{
    private string? _template;
    private object?[] _args = [];

    /// <summary>An error whose text has values in it: the template is translated first, then formatted.</summary>
    public static FieldError Of(string field, string template, params object?[] args) =>
        new(field, string.Format(CultureInfo.InvariantCulture, template, args)) { _template = template, _args = args };

    /// <summary>The message in the current UI language.</summary>
    public string Text => _template is null ? Texts.T(Message) : Texts.T(_template, _args);
}

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
