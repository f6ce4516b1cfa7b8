namespace AutoBooking.Sandbox.Duffel;

/// <summary>Collects every problem of a request body, as Duffel reports all of them at once (422 validation_error).</summary>
internal sealed class DuffelValidation
{
    private readonly List<DuffelError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public void Required(string pointer) =>
        errors.Add(new DuffelError("validation_error", "validation_required", "Required field",
            $"Field '{Field(pointer)}' can't be blank.", pointer));

    public void Invalid(string pointer, string message) =>
        errors.Add(new DuffelError("validation_error", "validation_format", "Invalid field", message, pointer));

    public void Unknown(string pointer, string message) =>
        errors.Add(new DuffelError("validation_error", "validation_unknown", "Unknown value", message, pointer));

    public IResult Reply(HttpContext context) => DuffelErrors.Reply(context, StatusCodes.Status422UnprocessableEntity, errors);

    private static string Field(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];
}
