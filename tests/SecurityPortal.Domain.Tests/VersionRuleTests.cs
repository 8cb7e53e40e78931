using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Domain.Tests;

public sealed class VersionRuleTests
{
    [Theory]
    [InlineData("WordPress < 6.4.3", "WordPress", "5.8.3", RuleMatch.Yes)]
    [InlineData("WordPress < 6.4.3", "WordPress", "6.4.3", RuleMatch.No)]
    [InlineData("WordPress < 6.4.3", "wordpress ", "6.4.2", RuleMatch.Yes)]
    [InlineData("WordPress < 6.4.3", "WordPress CMS", "6.10", RuleMatch.No)]
    [InlineData("WordPress < 6.4.3", "WordPress", "6.4.3-beta1", RuleMatch.Yes)]
    [InlineData("WordPress < 6.4.3", "WordPress", null, RuleMatch.VersionUnknown)]
    [InlineData("WordPress < 6.4.3", "WordPress", "bản mới nhất", RuleMatch.VersionUnknown)]
    [InlineData("WordPress < 6.4.3", "Joomla", "3.9", RuleMatch.No)]
    [InlineData("Apache HTTP Server 2.4.0–2.4.58", "Apache HTTP Server", "2.4.9", RuleMatch.Yes)]
    [InlineData("Apache HTTP Server 2.4.0–2.4.58", "Apache HTTP Server", "2.4.58", RuleMatch.Yes)]
    [InlineData("Apache HTTP Server 2.4.0–2.4.58", "Apache HTTP Server", "2.4.62", RuleMatch.No)]
    [InlineData("Apache HTTP Server 2.4.0–2.4.58", "httpd", "2.4.57", RuleMatch.Yes)]
    [InlineData("Apache HTTP Server 2.4.0–2.4.58", "Apache httpd", "2.2.34", RuleMatch.No)]
    [InlineData("Apache HTTP Server 2.4.0 - 2.4.58", "apache2", "2.4.10", RuleMatch.Yes)]
    [InlineData("OpenSSL >= 3.0.0, < 3.0.7", "OpenSSL", "3.0.6", RuleMatch.Yes)]
    [InlineData("OpenSSL >= 3.0.0, < 3.0.7", "OpenSSL", "1.1.1w", RuleMatch.No)]
    [InlineData("OpenSSL >= 3.0.0, < 3.0.7", "OpenSSL", "3.0.7", RuleMatch.No)]
    [InlineData("OpenSSL < 1.1.1w", "OpenSSL", "1.1.1k", RuleMatch.Yes)]
    [InlineData("OpenSSL < 1.1.1w", "OpenSSL", "1.1.1w", RuleMatch.No)]
    [InlineData("OpenSSL < 1.1.1w", "OpenSSL", "1.1.1", RuleMatch.Yes)]
    [InlineData("OpenSSL 1.1.1a–1.1.1k", "OpenSSL", "1.1.1l", RuleMatch.No)]
    [InlineData("nginx <= 1.18.0", "nginx", "1.18.0-6ubuntu14", RuleMatch.Yes)]
    [InlineData("nginx <= 1.18.0", "nginx", "1.20.1", RuleMatch.No)]
    [InlineData("Microsoft Exchange Server", "Exchange Server", "2019 CU12", RuleMatch.Yes)]
    [InlineData("Microsoft Exchange Server", "Microsoft SQL Server", "2019", RuleMatch.No)]
    [InlineData("PHP = 7.4.33", "PHP", "7.4.33", RuleMatch.Yes)]
    [InlineData("PHP = 7.4.33", "PHP", "7.4.32", RuleMatch.No)]
    [InlineData("Joomla! < 4.2.8", "Joomla", "4.2.7", RuleMatch.Yes)]
    public void A_rule_matches_products_across_naming_and_versions_semantically(string rule, string product, string? version, RuleMatch expected) =>
        Assert.Equal(expected, VersionRule.Parse(rule).Match(product, version));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("< 6.4.3")]
    [InlineData("WordPress < sáu")]
    [InlineData("WordPress <")]
    [InlineData("Apache 2.4.58–2.4.0")]
    [InlineData("WordPress => 6")]
    public void A_rule_that_cannot_be_read_is_refused_with_an_example(string rule)
    {
        var error = Assert.Throws<DomainException>(() => VersionRule.Parse(rule));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_product_alone_covers_every_version_and_keeps_its_text()
    {
        var rule = VersionRule.Parse("  Drupal  ");
        Assert.True(rule.AllVersions);
        Assert.Equal("Drupal", rule.Product);
        Assert.Equal(RuleMatch.Yes, rule.Match("Drupal", null));
        Assert.Equal("Drupal", rule.Text);
    }

    [Fact]
    public void Ranges_and_conjunctions_keep_their_bounds()
    {
        var range = VersionRule.Parse("Apache HTTP Server 2.4.0–2.4.58");
        Assert.Equal("Apache HTTP Server", range.Product);
        Assert.Equal([">=", "<="], range.Constraints.Select(c => c.Op));
        var both = VersionRule.Parse("OpenSSL >= 3.0.0, < 3.0.7");
        Assert.Equal("OpenSSL", both.Product);
        Assert.Equal(["3.0.0", "3.0.7"], both.Constraints.Select(c => c.Version.Text));
    }
}
