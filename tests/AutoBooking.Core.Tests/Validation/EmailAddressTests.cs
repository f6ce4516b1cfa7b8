using AutoBooking.Core.Validation;

namespace AutoBooking.Core.Tests.Validation;

public class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData(" ada.lovelace+trips@mail.example.co.uk ", "ada.lovelace+trips@mail.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("ada@bücher.example", "ada@bücher.example")]
    [InlineData("ADA@EXAMPLE.COM", "ADA@EXAMPLE.COM")]
    public void TryParse_Addresses_StoresTrimmed(string input, string stored)
    {
        Assert.True(EmailAddress.TryParse(input, out var email));
        Assert.Equal(stored, email.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@example.123")]
    [InlineData("<ada@example.com>")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("\"Ada\" <ada@example.com>")]
    [InlineData("\"ada lovelace\"@example.com")]
    [InlineData("ada@example.com\n")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("ada\u202E@example.com")]
    [InlineData("ada@exa\u200Bmple.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@example-.com")]
    [InlineData(".ada@example.com")]
    [InlineData("ada.@example.com")]
    [InlineData("a..da@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("adä@example.com")]
    [InlineData("ada@exa_mple.com")]
    [InlineData("ada@example.com (comment)")]
    [InlineData("ada@[127.0.0.1]")]
    public void TryParse_NotAnAddress_IsRefused(string? input) => Assert.False(EmailAddress.TryParse(input, out _));

    [Fact]
    public void TryParse_Lengths_AreBounded()
    {
        Assert.True(EmailAddress.TryParse(new string('a', 64) + "@example.com", out _));
        Assert.False(EmailAddress.TryParse(new string('a', 65) + "@example.com", out _));
        Assert.False(EmailAddress.TryParse("ada@" + new string('a', 64) + ".com", out _));
        Assert.False(EmailAddress.TryParse("ada@" + string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com", out _));
    }
}
