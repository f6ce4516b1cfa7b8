using System.ComponentModel.DataAnnotations;
using AutoBooking.Infrastructure.Options;

namespace AutoBooking.Infrastructure.Tests;

public sealed class BookingOptionsTests
{
    [Fact]
    public void OrderLookUpDelays_FromTheSchedule()
    {
        var options = new BookingOptions { OrderLookUpScheduleSeconds = "5,30" };

        Assert.Equal([5, 30], options.OrderLookUpDelays());
    }

    [Fact]
    public void OrderLookUpDelays_TheFormerSettingName_WinsWhenSet()
    {
        var options = new BookingOptions { OrderLookUpScheduleSeconds = "5,30", ReconcileScheduleSeconds = "0,1" };

        Assert.Equal([0, 1], options.OrderLookUpDelays());
    }

    [Theory]
    [InlineData("10,60\n", null)]
    [InlineData("10,60", "1,x")]
    [InlineData("", null)]
    public void Validate_AMalformedSchedule_UnderEitherName_IsRejected(string schedule, string? former)
    {
        var options = new BookingOptions { OrderLookUpScheduleSeconds = schedule, ReconcileScheduleSeconds = former };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Contains(results, r => r.MemberNames.Contains(former is null
            ? nameof(BookingOptions.OrderLookUpScheduleSeconds)
            : nameof(BookingOptions.ReconcileScheduleSeconds)));
    }

    [Fact]
    public void Validate_TheDefaultSchedule_AndNoFormerSetting_AreAccepted()
    {
        var options = new BookingOptions();
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.DoesNotContain(results, r => r.MemberNames.Contains(nameof(BookingOptions.OrderLookUpScheduleSeconds))
            || r.MemberNames.Contains(nameof(BookingOptions.ReconcileScheduleSeconds)));
    }
}
