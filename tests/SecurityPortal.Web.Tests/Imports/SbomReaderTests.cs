using System.Text;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Tests.Imports;

/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class SbomReaderTests
{
    [Theory]
    [InlineData("1.4")]
    [InlineData("1.5")]
    [InlineData("1.6")]
    public void CycloneDx_json_components_become_portal_components_with_canonical_identifiers(string specVersion)
    {
        var document = SbomReader.Read(SbomFixtures.CycloneDxJson(specVersion,
            ("library", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null),
            ("operating-system", "debian", "12.4", null, "cpe:2.3:o:debian:debian_linux:12.4:*:*:*:*:*:*:*"),
            ("application", "httpd", "2.4.58", "pkg:deb/debian/apache2@2.4.58-1?arch=amd64", "CPE:2.3:a:Apache:http_server:2.4.58:*:*:*:*:*:*:*")));

        Assert.Empty(document.Issues);
        Assert.Equal($"CycloneDX {specVersion} JSON", document.Format);
        Assert.Equal(3, document.Components.Count);
        Assert.Equal(ComponentKind.Library, document.Components[0].Kind);
        Assert.Equal(ComponentKind.OperatingSystem, document.Components[1].Kind);
        Assert.Equal("cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*", document.Components[2].Cpe);
        Assert.Equal("$.components[2]", document.Components[2].Location);
    }

    [Fact]
    public void Every_problem_is_reported_by_its_json_path_and_nothing_is_taken()
    {
        var document = SbomReader.Read(SbomFixtures.CycloneDxJson("1.5",
            ("library", "lodash", "4.17.20", "npm/lodash@4.17.20", null),
            ("library", "", "1.0", null, null),
            ("gadget", "x", "1.0", null, null),
            ("library", "jquery", "3.4.1", null, "cpe:2.3:a:jquery:jquery:3.4.1")));

        Assert.Equal(
            ["$.components[0].purl", "$.components[1].name", "$.components[2].type", "$.components[3].cpe"],
            document.Issues.Select(i => i.Location));
        Assert.Empty(document.Components);
    }

    [Fact]
    public void CycloneDx_xml_is_read_with_nested_components_and_problems_by_element()
    {
        var document = SbomReader.Read(SbomFixtures.CycloneDxXml("1.6", """
            <component type="framework"><supplier><name>Spring</name></supplier><name>spring-core</name><version>5.3.30</version>
              <purl>pkg:maven/org.springframework/spring-core@5.3.30</purl>
              <components><component type="library"><name>spring-jcl</name><version>5.3.30</version><purl>pkg:maven/org.springframework/spring-jcl@5.3.30</purl></component></components>
            </component>
            <component type="library"><name>snakeyaml</name><version>1.33</version><purl>pkg:maven/org.yaml/snakeyaml@</purl></component>
            """));

        Assert.Equal("CycloneDX 1.6 XML", document.Format);
        var issue = Assert.Single(document.Issues);
        Assert.Equal("/bom/components/component[2]/purl", issue.Location);
        Assert.Equal(["spring-core", "spring-jcl"], document.Components.Select(c => c.Product));
        Assert.Equal("Spring", document.Components[0].Vendor);
        Assert.Equal("/bom/components/component[1]/components/component[1]", document.Components[1].Location);
    }

    [Fact]
    public void Spdx_23_packages_take_their_purl_and_cpe_from_external_references()
    {
        var document = SbomReader.Read(SbomFixtures.SpdxJson("""
            { "SPDXID": "SPDXRef-openssl", "name": "openssl", "versionInfo": "3.0.11-1~deb12u2", "supplier": "Organization: Debian",
              "primaryPackagePurpose": "LIBRARY", "downloadLocation": "NOASSERTION",
              "externalRefs": [
                { "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64" },
                { "referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*" } ] },
            { "SPDXID": "SPDXRef-app", "name": "cong-thong-tin", "versionInfo": "NOASSERTION", "supplier": "NOASSERTION", "downloadLocation": "NOASSERTION" }
            """));

        Assert.Empty(document.Issues);
        Assert.Equal("SPDX-2.3 JSON", document.Format);
        var openssl = document.Components[0];
        Assert.Equal(("openssl", "Debian", "3.0.11-1~deb12u2", ComponentKind.Library), (openssl.Product, openssl.Vendor, openssl.Version, openssl.Kind));
        Assert.Equal("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64", openssl.Purl);
        Assert.Equal("cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*", openssl.Cpe);
        Assert.Null(document.Components[1].Version);
        Assert.Equal(ComponentKind.Other, document.Components[1].Kind);
    }

    [Theory]
    [InlineData("""{ "bomFormat": "CycloneDX", "specVersion": "1.3", "components": [] }""", "$.specVersion")]
    [InlineData("""{ "spdxVersion": "SPDX-2.2", "packages": [] }""", "$.spdxVersion")]
    [InlineData("""{ "hello": "world" }""", "$")]
    [InlineData("""{ "bomFormat": "CycloneDX", "specVersion": "1.5", "components": [ { "type": "library", """, "dòng 1")]
    [InlineData("name,version\nlodash,4.17.21", "(tệp)")]
    [InlineData("""<bom xmlns="http://cyclonedx.org/schema/bom/1.3"><components/></bom>""", "/bom")]
    [InlineData("""<sbom><components/></sbom>""", "/sbom")]
    public void A_file_that_is_not_a_supported_sbom_is_refused_with_where(string content, string location)
    {
        var document = SbomReader.Read(Encoding.UTF8.GetBytes(content));
        Assert.Equal(location, Assert.Single(document.Issues).Location);
        Assert.Empty(document.Components);
    }

    [Fact]
    public void Xml_with_a_dtd_or_an_external_entity_is_refused_before_anything_is_expanded()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE bom [ <!ENTITY a "hahahahahahahahahaha"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> ]>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&c;</name></component></components></bom>
            """;
        var external = """
            <?xml version="1.0"?>
            <!DOCTYPE bom [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&secret;</name></component></components></bom>
            """;
        foreach (var xml in new[] { laughs, external })
        {
            var document = SbomReader.Read(Encoding.UTF8.GetBytes(xml));
            Assert.Contains("DTD", Assert.Single(document.Issues).Message, StringComparison.Ordinal);
            Assert.Empty(document.Components);
        }
    }

    [Fact]
    public void Deep_nesting_is_stopped_in_json_and_in_xml()
    {
        var json = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}";
        Assert.Contains("lồng nhau", Assert.Single(SbomReader.Read(Encoding.UTF8.GetBytes(json)).Issues).Message, StringComparison.Ordinal);

        var nested = string.Concat(Enumerable.Repeat("<component type=\"library\"><name>x</name><components>", 200)) + string.Concat(Enumerable.Repeat("</components></component>", 200));
        var xml = SbomReader.Read(SbomFixtures.CycloneDxXml("1.5", nested));
        Assert.Contains("lồng nhau", Assert.Single(xml.Issues).Message, StringComparison.Ordinal);
        Assert.Empty(xml.Components);
    }

    [Fact]
    public void A_file_with_more_components_than_a_system_keeps_stops_reading_at_the_limit()
    {
        var many = Enumerable.Range(0, 5000).Select(i => ("library", $"pkg{i}", (string?)"1.0", (string?)$"pkg:npm/pkg{i}@1.0", (string?)null)).ToArray();
        var document = SbomReader.Read(SbomFixtures.CycloneDxJson("1.5", many));
        Assert.Equal("(giới hạn)", Assert.Single(document.Issues).Location);
        Assert.Equal(SoftwareComponents.MaxPerSystem + 1, document.Components.Count);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_not_parsed()
    {
        var document = SbomReader.Read(new byte[SbomReader.MaxBytes + 1]);
        Assert.Contains("quá lớn", Assert.Single(document.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_matches_by_purl_then_cpe_then_name_and_pairs_versions_of_the_same_package()
    {
        var system = new InformationSystem("HT-1", "Cổng", Guid.NewGuid(), Guid.NewGuid());
        var lodash = system.AddComponent(ComponentKind.Library, "lodash (bản cũ)", null, "4.17.20");
        lodash.SetIdentifiers("pkg:npm/lodash@4.17.20", null);
        var apache = system.AddComponent(ComponentKind.WebServer, "Máy chủ Apache", null, "2.4.57");
        apache.SetIdentifiers(null, "cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*");
        system.AddComponent(ComponentKind.Database, "PostgreSQL", null, "15.4");
        system.AddComponent(ComponentKind.Cms, "WordPress", null, "6.4.3");
        var minimist1 = system.AddComponent(ComponentKind.Library, "minimist", null, "0.0.8");
        minimist1.SetIdentifiers("pkg:npm/minimist@0.0.8", null);
        var minimist2 = system.AddComponent(ComponentKind.Library, "minimist", null, "1.2.5");
        minimist2.SetIdentifiers("pkg:npm/minimist@1.2.5", null);

        SbomComponent Item(string name, string? version, string? purl, string? cpe) => new("$", ComponentKind.Library, name, null, version, purl, cpe);
        var changes = SbomImport.Diff(system.Components,
        [
            Item("lodash", "4.17.21", "pkg:npm/lodash@4.17.21", null),
            Item("httpd", "2.4.58", null, "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*"),
            Item("postgresql", "15.4", "pkg:deb/debian/postgresql-15@15.4-0+deb12u1", null),
            Item("minimist", "1.2.5", "pkg:npm/minimist@1.2.5", null),
            Item("minimist", "1.2.8", "pkg:npm/minimist@1.2.8", null),
            Item("minimist", "1.2.8", "pkg:npm/minimist@1.2.8", null),
            Item("express", "4.18.2", "pkg:npm/express@4.18.2", null),
        ]);

        string Describe(SbomChange c) => $"{c.Kind} {c.Product} {c.OldVersion}->{c.NewVersion}";
        Assert.Equal(
            [
                "VersionChanged lodash (bản cũ) 4.17.20->4.17.21",
                "VersionChanged Máy chủ Apache 2.4.57->2.4.58",
                "IdentifiersChanged PostgreSQL 15.4->15.4",
                "VersionChanged minimist 0.0.8->1.2.8",
                "Added express ->4.18.2",
                "Removed WordPress 6.4.3->",
            ],
            changes.Select(Describe));

        SbomImport.Apply(system, changes);
        Assert.Equal(Array.Empty<string>(), SbomImport.Diff(system.Components,
        [
            Item("lodash", "4.17.21", "pkg:npm/lodash@4.17.21", null),
            Item("httpd", "2.4.58", null, "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*"),
            Item("postgresql", "15.4", "pkg:deb/debian/postgresql-15@15.4-0+deb12u1", null),
            Item("minimist", "1.2.8", "pkg:npm/minimist@1.2.8", null),
            Item("minimist", "1.2.5", "pkg:npm/minimist@1.2.5", null),
            Item("express", "4.18.2", "pkg:npm/express@4.18.2", null),
        ]).Select(Describe));
        Assert.Equal("pkg:npm/lodash@4.17.21", system.Components.Single(c => c.Product == "lodash (bản cũ)").Purl);
    }
}
