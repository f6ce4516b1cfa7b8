using AutoBooking.Core.Validation;

namespace AutoBooking.Core.Tests.Validation;

/// <summary>The small whole-value parsers: airports, airlines, countries, phone numbers and the text rule under them.</summary>
public class CodeParserTests
{
    [Theory]
    [InlineData("LHR", true)]
    [InlineData("JFK", true)]
    [InlineData("LHR\n", false)]
    [InlineData("\nLHR", false)]
    [InlineData("lhr", false)]
    [InlineData("LH", false)]
    [InlineData("LHRX", false)]
    [InlineData("ŁHR", false)]
    [InlineData("L H", false)]
    [InlineData(null, false)]
    public void AirportCode_WholeValueOnly(string? text, bool valid) => Assert.Equal(valid, AirportCode.TryParse(text, out _));

    [Theory]
    [InlineData("BA", true)]
    [InlineData("U2", true)]
    [InlineData("9W", true)]
    [InlineData("11", false)]
    [InlineData("BA\n", false)]
    [InlineData("ba", false)]
    [InlineData("BAW", false)]
    public void AirlineCode_WholeValueOnly(string text, bool valid) => Assert.Equal(valid, AirlineCode.TryParse(text, out _));

    [Theory]
    [InlineData("GB", true)]
    [InlineData("US", true)]
    [InlineData("FR", true)]
    [InlineData("XX", false)]
    [InlineData("ZZ", false)]
    [InlineData("GB\n", false)]
    [InlineData("gb", false)]
    public void CountryCode_KnownRegionsOnly(string text, bool valid) => Assert.Equal(valid, CountryCode.TryParse(text, out _));

    [Theory]
    [InlineData("+442080160508", true)]
    [InlineData("+12025550123", true)]
    [InlineData("+4930123", false)]
    [InlineData("+49301234", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+442080160508\n", false)]
    [InlineData("+0442080160508", false)]
    [InlineData("442080160508", false)]
    [InlineData("+44 20 8016 0508", false)]
    [InlineData("+44٢٠٨٠١٦٠٥٠٨", false)]
    public void PhoneNumber_E164Only(string text, bool valid) => Assert.Equal(valid, PhoneNumber.TryParse(text, out _));

    [Theory]
    [InlineData("plain text", true)]
    [InlineData("café 😀", true)]
    [InlineData("a\nb", false)]
    [InlineData("a\u0085b", false)]
    [InlineData("a\u00ADb", false)]
    [InlineData("a\uFEFFb", false)]
    [InlineData("a\u2028b", false)]
    public void TextRules_RefuseControlFormatAndSeparatorCharacters(string text, bool clean) => Assert.Equal(clean, TextRules.IsClean(text));

    [Fact]
    public void TextRules_RefuseLoneSurrogates()
    {
        // Built here: test-case serialisation would replace a lone surrogate in [InlineData] with U+FFFD.
        Assert.False(TextRules.IsClean("a" + '\uD83D' + "b"));
        Assert.False(TextRules.IsClean("a" + '\uDE00'));
        Assert.False(TextRules.IsClean("" + '\uD83D'));
        Assert.True(TextRules.IsClean("a" + '\uD83D' + '\uDE00'));
        Assert.False(PersonName.TryParse("Ada" + '\uD800', out _));
        Assert.False(EmailAddress.TryParse("ada" + '\uDC00' + "@example.com", out _));
    }
}
