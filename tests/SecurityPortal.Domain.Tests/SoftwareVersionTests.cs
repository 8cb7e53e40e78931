using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

public sealed class SoftwareVersionTests
{
    private static readonly string[] Unsorted = ["10.0", "8.0.1", "2.4.58", "9.12", "8.0.1-rc2", "2.4.9", "v1"];
    private static readonly string[] Sorted = ["v1", "2.4.9", "2.4.58", "8.0.1-rc2", "8.0.1", "9.12", "10.0"];
    private static readonly int[] EightZeroOne = [8, 0, 1];

    [Theory]
    [InlineData("5.8.3", "6.4.3", -1)]
    [InlineData("2.4.9", "2.4.58", -1)]
    [InlineData("6.4", "6.4.0", 0)]
    [InlineData("v10", "9.9.9", 1)]
    [InlineData("8.0.1-rc2", "8.0.1", -1)]
    [InlineData("1.0-alpha", "1.0-beta", -1)]
    [InlineData("10.0", "9.12", 1)]
    [InlineData("V2.0", "2.0", 0)]
    [InlineData("1.0.0-RC1", "1.0.0-rc1", 0)]
    [InlineData("1.0 beta", "1.0-beta", 0)]
    [InlineData(" 6.4.3 ", "6.4.3", 0)]
    [InlineData("6.4.", "6.4", 0)]
    [InlineData("1.2.3.4", "1.2.3", 1)]
    [InlineData("0.9", "1", -1)]
    [InlineData("1.0-rc9", "1.0-rc10", -1)]
    [InlineData("2.0-beta2", "2.0-beta10", -1)]
    [InlineData("2.4.58 (Ubuntu)", "2.4.58", 0)]
    [InlineData("2.4.58-1ubuntu1", "2.4.58", 0)]
    [InlineData("8.0.1+build5", "8.0.1", 0)]
    [InlineData("5.7.44-log", "5.7.44", 0)]
    [InlineData("2.4.58-1ubuntu1", "2.4.59", -1)]
    public void Versions_compare_part_by_part_as_numbers_with_a_pre_release_before_its_release(string left, string right, int expectedSign)
    {
        var leftVersion = SoftwareVersion.Parse(left);
        var rightVersion = SoftwareVersion.Parse(right);

        Assert.Equal(expectedSign, Math.Sign(leftVersion.CompareTo(rightVersion)));
        Assert.Equal(-expectedSign, Math.Sign(rightVersion.CompareTo(leftVersion)));
        Assert.Equal(expectedSign == 0, leftVersion.Equals(rightVersion));
        Assert.Equal(expectedSign == 0, leftVersion.Equals((object)rightVersion));
    }

    [Theory]
    [InlineData("1.1.1k", "1.1.1w", -1)]
    [InlineData("1.1.1", "1.1.1a", -1)]
    [InlineData("1.1.1a", "1.1.1b", -1)]
    [InlineData("1.1.1w", "1.1.2", -1)]
    [InlineData("1.1.1W", "1.1.1w", 0)]
    [InlineData("1.1.1k-fips", "1.1.1k", 0)]
    [InlineData("1.1.1k", "1.1.1k-rc1", 1)]
    [InlineData("1.0a1", "1.0", -1)]
    public void One_letter_after_the_numbers_is_a_letter_release_after_the_plain_one(string left, string right, int expectedSign)
    {
        var leftVersion = SoftwareVersion.Parse(left);
        var rightVersion = SoftwareVersion.Parse(right);

        Assert.Equal(expectedSign, Math.Sign(leftVersion.CompareTo(rightVersion)));
        Assert.Equal(-expectedSign, Math.Sign(rightVersion.CompareTo(leftVersion)));
        Assert.Equal(expectedSign == 0, leftVersion == rightVersion);
        Assert.Equal(expectedSign == 0, leftVersion.GetHashCode() == rightVersion.GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("1..2")]
    [InlineData(null)]
    [InlineData("v")]
    [InlineData(".5")]
    [InlineData("version 2")]
    [InlineData("99999999999")]
    public void Text_that_is_not_a_version_cannot_be_parsed(string? text)
    {
        Assert.False(SoftwareVersion.TryParse(text, out var version));
        Assert.Null(version);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_text_that_is_not_a_version() =>
        Assert.Throws<FormatException>(() => SoftwareVersion.Parse("abc"));

    [Fact]
    public void A_parsed_version_keeps_its_parts_its_lower_case_suffix_and_the_trimmed_text()
    {
        Assert.True(SoftwareVersion.TryParse("  v8.0.1-RC2 ", out var version));
        Assert.Equal(EightZeroOne, version.Parts);
        Assert.Equal("rc2", version.Suffix);
        Assert.Equal("v8.0.1-RC2", version.Text);
        Assert.Equal("v8.0.1-RC2", version.ToString());
    }

    [Fact]
    public void Comparison_operators_follow_CompareTo()
    {
        var older = SoftwareVersion.Parse("5.8.3");
        var newer = SoftwareVersion.Parse("6.4.3");
        var shortForm = SoftwareVersion.Parse("6.4");
        var longForm = SoftwareVersion.Parse("6.4.0");

        Assert.True(older < newer);
        Assert.False(newer < older);
        Assert.True(newer > older);
        Assert.False(older > newer);
        Assert.True(older <= newer);
        Assert.True(newer >= older);
        Assert.True(shortForm == longForm);
        Assert.False(shortForm != longForm);
        Assert.True(shortForm <= longForm);
        Assert.True(shortForm >= longForm);
        Assert.False(shortForm < longForm);
        Assert.False(shortForm > longForm);
        Assert.True(older != newer);
        Assert.False(older == newer);
    }

    [Fact]
    public void Ordering_operators_accept_null_like_the_default_comparer()
    {
        SoftwareVersion? none = null;
        var one = SoftwareVersion.Parse("1.0");
        Assert.True(none < one);
        Assert.False(none > one);
        Assert.True(none <= (SoftwareVersion?)null);
        Assert.True(one >= none);
    }

    [Fact]
    public void A_version_is_never_equal_to_null_and_sorts_after_it()
    {
        var version = SoftwareVersion.Parse("1.0");
        SoftwareVersion? none = null;

        Assert.False(version == none);
        Assert.False(none == version);
        Assert.True(version != none);
        Assert.False(version.Equals(none));
        Assert.Equal(1, version.CompareTo(none));
        Assert.False(version.Equals("1.0"));
    }

    [Theory]
    [InlineData("6.4", "6.4.0")]
    [InlineData("1", "1.0.0")]
    [InlineData("v2.0-RC1", "2-rc1")]
    [InlineData("0", "0.0")]
    public void Equal_versions_have_equal_hash_codes(string left, string right)
    {
        var leftVersion = SoftwareVersion.Parse(left);
        var rightVersion = SoftwareVersion.Parse(right);

        Assert.Equal(leftVersion, rightVersion);
        Assert.Equal(leftVersion.GetHashCode(), rightVersion.GetHashCode());
        Assert.Single(new HashSet<SoftwareVersion> { leftVersion, rightVersion });
    }

    [Fact]
    public void A_list_of_versions_sorts_numerically_with_pre_releases_first() =>
        Assert.Equal(Sorted, Unsorted.Select(SoftwareVersion.Parse).Order().Select(v => v.Text));
}
