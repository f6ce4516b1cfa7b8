using AutoBooking.Core.Validation;

namespace AutoBooking.Core.Tests.Validation;

public class PersonNameTests
{
    [Theory]
    [InlineData("Ada", "Ada")]
    [InlineData("  Ada  ", "Ada")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("Jean-Luc", "Jean-Luc")]
    [InlineData("van der Berg", "van der Berg")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Zoe\u0308", "Zoë")] // decomposed: stored composed (NFC)
    [InlineData("Łukasz", "Łukasz")]
    [InlineData("Nguyễn", "Nguyễn")]
    [InlineData("Ǆ", "Ǆ")]
    public void TryParse_LatinNames_StoresTrimmedNfc(string input, string stored)
    {
        Assert.True(PersonName.TryParse(input, out var name));
        Assert.Equal(stored, name.Value);
        Assert.True(name.Value.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Ada\n")]
    [InlineData("Ada\r\nLovelace")]
    [InlineData("Ada\u0000")]
    [InlineData("Ada\u202E")]
    [InlineData("A\u200Bda")]
    [InlineData("Ada\u2028")]
    [InlineData("Ada\u2029")]
    [InlineData("Ada\t")]
    [InlineData("-Ada")]
    [InlineData("'Ada")]
    [InlineData("Ada  Lovelace")]
    [InlineData("Ada--Lovelace")]
    [InlineData("Ада")]
    [InlineData("李")]
    [InlineData("😀")]
    [InlineData("Ada😀")]
    [InlineData("Ada1")]
    [InlineData("A×B")]
    [InlineData("Ada.")]
    [InlineData("Robert'); DROP TABLE trip_requests;--")]
    public void TryParse_HostileOrForeign_IsRefused(string? input) => Assert.False(PersonName.TryParse(input, out _));

    [Fact]
    public void TryParse_LetterUnderDozensOfCombiningMarks_IsRefused()
    {
        Assert.False(PersonName.TryParse("Z" + new string('\u0301', 40), out _));
        Assert.False(PersonName.TryParse("q\u0301\u0302\u0303", out _));
        Assert.True(PersonName.TryParse("q\u0301\u0302", out _));
    }

    [Fact]
    public void TryParse_LengthIsCountedAfterNormalisation()
    {
        Assert.True(PersonName.TryParse(string.Concat(Enumerable.Repeat("e\u0301", 50)), out var name));
        Assert.Equal(50, name.Value.Length);
        Assert.False(PersonName.TryParse(new string('A', 51), out _));
    }
}
