using AutoBooking.Core.Money;

namespace AutoBooking.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("432.10", "GBP", 43210)]
    [InlineData("0.01", "EUR", 1)]
    [InlineData("12000", "JPY", 12000)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("99999.99", "USD", 9999999)]
    public void ToMinorUnits_ByCurrencyExponent_ScalesExactly(string amount, string currency, long expected)
    {
        var money = new Money.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.Equal(expected, money.ToMinorUnits());
    }

    [Theory]
    [InlineData("1.5", "JPY")]
    [InlineData("1.001", "GBP")]
    public void ToMinorUnits_MorePrecisionThanMinorUnit_Throws(string amount, string currency)
    {
        var money = new Money.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.Throws<InvalidOperationException>(() => money.ToMinorUnits());
    }

    [Fact]
    public void FromMinorUnits_RoundTripsWithToMinorUnits()
    {
        var money = Money.Money.FromMinorUnits(43210, "gbp");

        Assert.Equal(new Money.Money(432.10m, "GBP"), money);
        Assert.Equal(43210, money.ToMinorUnits());
    }
}
