using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Domain.Tests;

public sealed class ComponentIdentifierTests
{
    [Theory]
    [InlineData("pkg:npm/lodash@4.17.21", "pkg:npm/lodash@4.17.21", "npm/lodash")]
    [InlineData("pkg:npm/%40angular/core@16.2.0", "pkg:npm/%40angular/core@16.2.0", "npm/%40angular/core")]
    [InlineData("PKG:Maven/org.apache.logging.log4j/log4j-core@2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "maven/org.apache.logging.log4j/log4j-core")]
    [InlineData("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", "deb/debian/openssl")]
    [InlineData("pkg:rpm/redhat/openssl@1.1.1k-7.el8?distro=rhel-8&arch=x86_64", "pkg:rpm/redhat/openssl@1.1.1k-7.el8?arch=x86_64&distro=rhel-8", "rpm/redhat/openssl")]
    [InlineData("pkg:pypi/Django_Rest@3.0", "pkg:pypi/django-rest@3.0", "pypi/django-rest")]
    [InlineData("pkg:github/Package-URL/purl-spec@244fd47e07d1004#everybody/loves/dogs", "pkg:github/package-url/purl-spec@244fd47e07d1004#everybody/loves/dogs", "github/package-url/purl-spec")]
    [InlineData("pkg:generic/openssl@1.1.1w", "pkg:generic/openssl@1.1.1w", "generic/openssl")]
    public void A_purl_is_read_and_written_canonically(string text, string canonical, string identity)
    {
        var purl = PackageUrl.Parse(text);
        Assert.Equal(canonical, purl.ToString());
        Assert.Equal(identity, purl.Identity);
        Assert.Equal(canonical, PackageUrl.Parse(purl.ToString()).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("npm/lodash@4.17.21")]
    [InlineData("pkg:lodash")]
    [InlineData("pkg:/lodash")]
    [InlineData("pkg:1npm/lodash")]
    [InlineData("pkg:npm/")]
    [InlineData("pkg:npm/lodash@")]
    [InlineData("pkg:npm/lo dash@1.0")]
    [InlineData("pkg:npm/lodash?=x")]
    [InlineData("pkg:npm/lodash?a=1&a=2")]
    [InlineData("pkg:npm/lodash%ZZ")]
    public void A_purl_that_breaks_the_specification_is_refused_with_a_reason(string text)
    {
        Assert.False(PackageUrl.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<DomainException>(() => PackageUrl.Parse(text));
    }

    [Theory]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*", "apache:http_server", "2.4.58")]
    [InlineData("CPE:2.3:A:Microsoft:Internet_Explorer:8.0.6001:beta:*:*:*:*:*:*", "microsoft:internet_explorer", "8.0.6001")]
    [InlineData("cpe:2.3:a:joomla:joomla\\!:4.2.7:*:*:*:*:*:*:*", "joomla:joomla\\!", "4.2.7")]
    [InlineData("cpe:2.3:o:microsoft:windows_server_2019:10.0.17763.5329:*:*:*:*:*:x64:*", "microsoft:windows_server_2019", "10.0.17763.5329")]
    [InlineData("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", "hp:insight_diagnostics", "7.4.0.1570")]
    [InlineData("cpe:2.3:a:foo\\:bar:product:1.0:*:*:*:*:*:*:*", "foo\\:bar:product", "1.0")]
    [InlineData("cpe:2.3:a:microsoft:*ie:8.?:*:*:*:*:*:*:*", "microsoft:*ie", "8.?")]
    public void A_cpe_23_name_is_read_with_its_13_components_and_escapes(string text, string identity, string version)
    {
        var cpe = CpeName.Parse(text);
        Assert.Equal(identity, cpe.Identity);
        Assert.Equal(version, cpe.Version);
        Assert.Equal(11, cpe.Fields.Count);
        Assert.Equal(cpe.ToString(), CpeName.Parse(cpe.ToString()).ToString());
    }

    [Theory]
    [InlineData("cpe:/a:apache:http_server:2.4.58")]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.58")]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:x:apache:http_server:2.4.58:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:apache:http server:2.4.58:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:apache:http!server:2.4.58:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:apache:http*server:2.4.58:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:apache::2.4.58:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:\\")]
    public void A_cpe_that_breaks_the_formatted_string_binding_is_refused(string text)
    {
        Assert.False(CpeName.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData(ComponentKind.WebServer, "Apache HTTP Server", "Apache Software Foundation", "2.4.58", null, "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*")]
    [InlineData(ComponentKind.Cms, "Joomla!", null, "4.2.7", null, "cpe:2.3:a:joomla:joomla\\!:4.2.7:*:*:*:*:*:*:*")]
    [InlineData(ComponentKind.Other, "Phần mềm Một cửa", "Công ty ABC", "3.1 (bản tỉnh)", null, "cpe:2.3:a:cong_ty_abc:phan_mem_mot_cua:3.1_\\(ban_tinh\\):*:*:*:*:*:*:*")]
    [InlineData(ComponentKind.Library, "org.apache.logging.log4j:log4j-core", "Apache", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "cpe:2.3:a:apache:org.apache.logging.log4j\\:log4j-core:2.14.1:*:*:*:*:*:*:*")]
    [InlineData(ComponentKind.Library, "@angular/core", null, null, "pkg:npm/%40angular/core", "cpe:2.3:a:\\@angular\\/core:\\@angular\\/core:*:*:*:*:*:*:*:*")]
    [InlineData(ComponentKind.OperatingSystem, "Ubuntu Linux", "Canonical", "22.04", null, "cpe:2.3:o:canonical:ubuntu_linux:22.04:*:*:*:*:*:*:*")]
    public void A_proposal_builds_what_it_can_from_vendor_product_and_version(ComponentKind kind, string product, string? vendor, string? version, string? purl, string? cpe)
    {
        var proposal = IdentifierProposal.For(kind, product, vendor, version);
        Assert.Equal(purl, proposal.Purl);
        Assert.Equal(cpe, proposal.Cpe);
    }

    [Fact]
    public void A_component_keeps_only_valid_identifiers_and_its_purl_follows_its_version()
    {
        var system = new InformationSystem("HT-1", "Cổng", Guid.NewGuid(), Guid.NewGuid());
        var component = system.AddComponent(ComponentKind.Library, "lodash", null, "4.17.20");
        Assert.Throws<DomainException>(() => component.SetIdentifiers("pkg:npm/lodash@4.17.20", "cpe:2.3:a:lodash"));
        Assert.Null(component.Purl);

        component.SetIdentifiers("pkg:NPM/lodash@4.17.20", "CPE:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*");
        Assert.Equal("pkg:npm/lodash@4.17.20", component.Purl);
        Assert.Equal("cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*", component.Cpe);

        component.Update(ComponentKind.Library, "lodash", null, "4.17.21");
        Assert.Equal("pkg:npm/lodash@4.17.21", component.Purl);

        component.SetIdentifiers(" ", null);
        Assert.Null(component.Purl);
        Assert.Null(component.Cpe);
    }

    [Theory]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0 fixed 2.15.0", "2.14.1", RuleMatch.Yes)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0 fixed 2.15.0", "2.15.0", RuleMatch.No)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0 fixed 2.15.0", "1.2.17", RuleMatch.No)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 0 last_affected 2.14.1", "2.14.1", RuleMatch.Yes)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0 fixed 2.3.1 introduced 2.4 fixed 2.12.2 introduced 2.13.0 fixed 2.15.0", "2.3.2", RuleMatch.No)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0 fixed 2.3.1 introduced 2.4 fixed 2.12.2 introduced 2.13.0 fixed 2.15.0", "2.12.1", RuleMatch.Yes)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core < 2.15.0", "2.14.1", RuleMatch.Yes)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core", "9.9", RuleMatch.Yes)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-api introduced 0 fixed 2.15.0", "2.14.1", RuleMatch.No)]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core introduced 0 fixed 2.15.0", null, RuleMatch.Yes)]
    public void A_purl_rule_reaches_the_package_whatever_its_name_in_the_inventory(string rule, string? version, RuleMatch expected) =>
        Assert.Equal(expected, VersionRule.Parse(rule).Match("Thư viện ghi log", version, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null));

    [Theory]
    [InlineData("3.0.11-1~deb12u1", RuleMatch.Yes)]
    [InlineData("3.0.11-1~deb12u2", RuleMatch.No)]
    [InlineData("3.0.11-1", RuleMatch.No)]
    [InlineData("1:1.0-1", RuleMatch.No)]
    [InlineData("không rõ", RuleMatch.VersionUnknown)]
    public void A_deb_rule_compares_as_dpkg(string version, RuleMatch expected) =>
        Assert.Equal(expected, VersionRule.Parse("pkg:deb/debian/openssl introduced 0 fixed 3.0.11-1~deb12u2").Match("OpenSSL", version, "pkg:deb/debian/openssl@x?arch=amd64", null));

    [Theory]
    [InlineData("cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:* >= 2.4.0, < 2.4.59", "Máy chủ web", "2.4.58 (Ubuntu)", RuleMatch.Yes)]
    [InlineData("cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:* introduced 2.4.0 fixed 2.4.59", "Máy chủ web", "2.4.59", RuleMatch.No)]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*", "Máy chủ web", "2.4.49", RuleMatch.Yes)]
    [InlineData("cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*", "Máy chủ web", "2.4.50", RuleMatch.No)]
    public void A_cpe_rule_reaches_components_with_the_same_vendor_and_product(string rule, string product, string version, RuleMatch expected)
    {
        var parsed = VersionRule.Parse(rule);
        Assert.Equal(expected, parsed.Match(product, version, null, "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*"));
        Assert.Equal(RuleMatch.No, parsed.Match("Apache HTTP Server", version, null, null));
    }

    [Theory]
    [InlineData("pkg:npm/lodash@4.17.20 < 4.17.21")]
    [InlineData("pkg:npm/lodash fixed 4.17.21")]
    [InlineData("pkg:npm/lodash introduced 2.0 fixed 1.0")]
    [InlineData("pkg:npm/lodash introduced")]
    [InlineData("pkg:npm/lodash introduced 1.0 removed 2.0")]
    [InlineData("pkg:npm/lodash ~ 2.0")]
    [InlineData("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*")]
    [InlineData("cpe:2.3:a:lodash")]
    public void An_identifier_rule_that_cannot_be_read_is_refused(string rule) =>
        Assert.Throws<DomainException>(() => VersionRule.Parse(rule));

    [Fact]
    public void Product_rules_keep_matching_by_name_when_a_component_carries_identifiers() =>
        Assert.Equal(RuleMatch.Yes, VersionRule.Parse("OpenSSL < 1.1.1w").Match("OpenSSL", "1.1.1k", "pkg:generic/openssl@1.1.1k", "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*"));
}
