using AutoBooking.Core.Validation;

namespace AutoBooking.Core.Tests.Validation;

public class CurrencyCodeTests
{
    [Theory]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("XOF", 0)]
    public void TryParse_CurrenciesInCirculation_KnowTheirMinorUnit(string text, int exponent)
    {
        Assert.True(CurrencyCode.TryParse(text, out var currency));
        Assert.Equal(exponent, currency.Exponent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("XXX")]
    [InlineData("XTS")]
    [InlineData("XAU")]
    [InlineData("ZZZ")]
    [InlineData("ABC")]
    [InlineData("gbp")]
    [InlineData("GBP\n")]
    [InlineData("GB")]
    [InlineData("GBPX")]
    [InlineData("ＧＢＰ")]
    public void TryParse_NotMoney_IsRefused(string? text) => Assert.False(CurrencyCode.TryParse(text, out _));

    [Theory]
    [InlineData("JPY", "100", true)]
    [InlineData("JPY", "100.5", false)]
    [InlineData("GBP", "100.55", true)]
    [InlineData("GBP", "100.555", false)]
    [InlineData("KWD", "100.555", true)]
    [InlineData("KWD", "100.5555", false)]
    public void FitsMinorUnit_FollowsTheExponent(string text, string amount, bool fits)
    {
        Assert.True(CurrencyCode.TryParse(text, out var currency));
        Assert.Equal(fits, currency.FitsMinorUnit(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void All_IsTheRuntimesMaintainedList() => Assert.InRange(CurrencyCode.All.Count, 100, 250);
}
