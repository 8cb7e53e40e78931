using System.Text;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Imports.Feeds;
using static SecurityPortal.Tests.Imports.FeedFixtures;

namespace SecurityPortal.Tests.Imports;

[Trait("Category", "ProviderIndependent")]
public sealed class FeedReaderTests
{
    [Fact]
    public void An_osv_archive_gives_one_record_per_file_with_purl_rules_by_ecosystem_and_the_cvss_vectors_score()
    {
        var archive = OsvArchive(
            Osv("GHSA-jfh8-c2jp-5v3q", "2024-05-01T00:00:00Z", "Maven", "org.apache.logging.log4j:log4j-core", aliases: ["CVE-2021-44228"],
                cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", events: [("introduced", "2.0-beta9"), ("fixed", "2.15.0")]),
            Osv("DSA-5000-1", "2024-05-01T00:00:00Z", "Debian:12", "openssl", severity: "HIGH", events: [("introduced", "0"), ("fixed", "3.0.11-1~deb12u2")]));
        var document = FeedReader.Read(archive);

        Assert.False(document.Refused, string.Join("; ", document.Issues.Select(i => i.Message)));
        Assert.Equal("OSV", document.Format);
        var log4j = document.Records.Single(r => r.Id == "GHSA-jfh8-c2jp-5v3q");
        Assert.Equal(["CVE-2021-44228"], log4j.Aliases);
        Assert.Equal(10.0, log4j.CvssScore);
        Assert.Equal(TaskSeverity.Critical, log4j.Severity);
        Assert.Equal(("purl:maven/org.apache.logging.log4j/log4j-core", "pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0-beta9 fixed 2.15.0"), Assert.Single(log4j.Affected));
        var openssl = document.Records.Single(r => r.Id == "DSA-5000-1");
        Assert.Equal(TaskSeverity.High, openssl.Severity);
        Assert.Equal("pkg:deb/debian/openssl introduced 0 fixed 3.0.11-1~deb12u2", Assert.Single(openssl.Affected).Rule);
    }

    [Fact]
    public void Cvss_v3_base_scores_follow_firsts_equations()
    {
        Assert.Equal(9.8, CvssV3.BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        Assert.Equal(6.1, CvssV3.BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"));
        Assert.Equal(5.5, CvssV3.BaseScore("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H"));
        Assert.Equal(0, CvssV3.BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"));
        Assert.Null(CvssV3.BaseScore("AV:N/AC:L/Au:N/C:P/I:P/A:P"));
        Assert.Null(CvssV3.BaseScore("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    }

    [Fact]
    public void An_nvd_file_gives_cpe_rules_from_each_vulnerable_match_and_prefers_the_v40_score()
    {
        var document = FeedReader.Read(Nvd(
            Cve("CVE-2024-0001", "2024-04-01T08:00:00.000", 7.5, 6.9,
                CpeMatch("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", startIncluding: "1.1.1", endExcluding: "1.1.1w"),
                CpeMatch("cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*")),
            Cve("CVE-2024-0002", "2024-04-01T08:00:00.000", 9.8, null,
                CpeMatch("cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*", startExcluding: "1.20.0", endIncluding: "1.25.3"))));

        Assert.False(document.Refused);
        Assert.Equal("NVD CVE JSON 2.0", document.Format);
        var first = document.Records[0];
        Assert.Equal((6.9, TaskSeverity.Medium), (first.CvssScore, first.Severity));
        Assert.Equal(new DateTime(2024, 4, 1, 8, 0, 0, DateTimeKind.Utc), first.ModifiedUtc);
        Assert.Equal(
            [("cpe:openssl:openssl", "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:* >= 1.1.1, < 1.1.1w"), ("cpe:apache:http_server", "cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*")],
            first.Affected);
        Assert.Equal("cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:* > 1.20.0, <= 1.25.3", Assert.Single(document.Records[1].Affected).Rule);
        Assert.Equal(TaskSeverity.Critical, document.Records[1].Severity);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_inflated_whole()
    {
        var bomb = Zip(("bomb.json", new byte[3 * 1024 * 1024]));
        var document = FeedReader.Read(bomb);
        Assert.True(document.Refused);
        Assert.Contains("nén bất thường", Assert.Single(document.Issues).Message, StringComparison.Ordinal);
        Assert.Empty(document.Records);
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil.json")]
    [InlineData("/etc/evil.json")]
    [InlineData("C:/evil.json")]
    [InlineData("a\\..\\evil.json")]
    [InlineData("a/b/c/d/e/f/deep.json")]
    public void An_archive_entry_with_an_unsafe_path_refuses_the_file(string name)
    {
        var archive = Zip(("GHSA-1.json", Encoding.UTF8.GetBytes(Osv("GHSA-1", "2024-01-01T00:00:00Z", "npm", "lodash", events: [("introduced", "0"), ("fixed", "4.17.21")]).ToJsonString())),
            (name, "{}"u8.ToArray()));
        var document = FeedReader.Read(archive);
        Assert.True(document.Refused);
        Assert.Contains("đường dẫn không an toàn", Assert.Single(document.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_a_huge_file_too_many_entries_and_an_unknown_shape_are_refused_with_a_clear_message()
    {
        var broken = FeedReader.Read(Zip(("GHSA-1.json", "{\n\"id\": \"GHSA-1\",\n\"modified\": }"u8.ToArray())));
        Assert.Equal(("GHSA-1.json", "JSON không hợp lệ (dòng 3)."), (broken.Issues[0].Location, broken.Issues[0].Message));

        var huge = FeedReader.Read(new byte[FeedReader.MaxBytes + 1]);
        Assert.StartsWith("Tệp quá lớn", Assert.Single(huge.Issues).Message, StringComparison.Ordinal);

        var many = FeedReader.Read(Zip([.. Enumerable.Range(0, FeedReader.MaxEntries + 1).Select(i => ($"x{i}.txt", Array.Empty<byte>()))]));
        Assert.Contains("quá nhiều mục", Assert.Single(many.Issues).Message, StringComparison.Ordinal);

        var other = FeedReader.Read("{\"bomFormat\": \"CycloneDX\"}"u8.ToArray());
        Assert.Contains("Không phải bản ghi OSV", other.Issues[0].Message, StringComparison.Ordinal);

        var deep = FeedReader.Read(Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)));
        Assert.Contains("JSON không hợp lệ", deep.Issues[0].Message, StringComparison.Ordinal);
        Assert.All([broken, huge, many, other, deep], d => Assert.True(d.Refused));
    }

    [Fact]
    public void Git_ranges_and_unknown_ecosystems_are_skipped_with_a_note_and_do_not_refuse_the_file()
    {
        var git = Osv("OSV-2024-1", "2024-01-01T00:00:00Z", "OSS-Fuzz", "libfoo", events: [("introduced", "abc123"), ("fixed", "def456")]);
        var document = FeedReader.Read(OsvArchive(git, Osv("PYSEC-2024-1", "2024-01-01T00:00:00Z", "PyPI", "Django", events: [("introduced", "4.2"), ("fixed", "4.2.8")])));
        Assert.False(document.Refused);
        Assert.Contains(document.Issues, i => !i.Blocking && i.Message.Contains("OSS-Fuzz", StringComparison.Ordinal));
        Assert.Equal("pkg:pypi/django introduced 4.2 fixed 4.2.8", Assert.Single(document.Records.Single(r => r.Id == "PYSEC-2024-1").Affected).Rule);
        Assert.Empty(document.Records.Single(r => r.Id == "OSV-2024-1").Affected);
    }

    [Fact]
    public void Matching_rules_reach_purl_and_cpe_components_in_their_ecosystems_order()
    {
        static RuleMatch Match(string rule, string? version, string? purl = null, string? cpe = null) => VersionRule.Parse(rule).Match("x", version, purl, cpe);

        const string Cpe = "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:* >= 1.1.1, < 1.1.1w";
        Assert.Equal(RuleMatch.Yes, Match(Cpe, "1.1.1k", cpe: "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*"));
        Assert.Equal(RuleMatch.No, Match(Cpe, "1.1.1w", cpe: "cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*"));
        const string Deb = "pkg:deb/debian/openssl introduced 0 fixed 3.0.11-1~deb12u2";
        Assert.Equal(RuleMatch.Yes, Match(Deb, "3.0.11-1~deb12u1", purl: "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64"));
        Assert.Equal(RuleMatch.No, Match(Deb, "3.0.11-1~deb12u2", purl: "pkg:deb/debian/openssl@3.0.11-1~deb12u2"));
        Assert.Equal(RuleMatch.No, Match(Deb, "3.0.11-1", purl: "pkg:deb/debian/openssl@3.0.11-1"));
        Assert.Equal(["purl:deb/debian/openssl", "cpe:openssl:openssl"], VulnerabilityAffected.IdentitiesOf("pkg:deb/debian/openssl@3.0.11-1", "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*"));
    }
}
