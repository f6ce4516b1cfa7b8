using System.ComponentModel.DataAnnotations;
using AutoBooking.Infrastructure.Options;

namespace AutoBooking.Infrastructure.Tests;

public sealed class OutboxOptionsTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1800)]
    [InlineData(500, 1800)]
    public void RetryDelay_DoublesFromTheBase_UpToTheCap(int sendCount, int expectedSeconds)
    {
        var options = new OutboxOptions { RetryBaseSeconds = 30, RetryMaxSeconds = 1800 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.RetryDelay(sendCount));
    }

    [Fact]
    public void RetryDelay_BeforeAnySend_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutboxOptions().RetryDelay(0));

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(new OutboxOptions()));

    [Fact]
    public void Validate_CapBelowBase_OrAlertAfterGivingUp_IsRejected()
    {
        Assert.Contains(Validate(new OutboxOptions { RetryBaseSeconds = 60, RetryMaxSeconds = 30 }),
            r => r.MemberNames.Contains(nameof(OutboxOptions.RetryMaxSeconds)));
        Assert.Contains(Validate(new OutboxOptions { AlertAfterMinutes = 120, GiveUpAfterHours = 2 }),
            r => r.MemberNames.Contains(nameof(OutboxOptions.AlertAfterMinutes)));
    }

    private static List<ValidationResult> Validate(OutboxOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
