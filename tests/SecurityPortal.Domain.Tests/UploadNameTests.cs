using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Tests;

/// <summary>The name an upload is kept under (ASVS 5.0 V5.4.2): no path, no control character, no quote, Vietnamese kept.</summary>
public sealed class UploadNameTests
{
    [Theory]
    [InlineData("Quyết định phê duyệt.pdf", "Quyết định phê duyệt.pdf")]
    [InlineData("C:\\Users\\canbo\\Desktop\\ho-so.docx", "ho-so.docx")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("bao-cao\r\nX-Injected: 1.pdf", "bao-cao__X-Injected: 1.pdf")]
    [InlineData("ten \"trich dan\".pdf", "ten _trich dan_.pdf")]
    [InlineData("hoa-don\u202Efdp.exe", "hoa-don_fdp.exe")]
    [InlineData("a\0b.pdf", "a_b.pdf")]
    [InlineData("  ..  ", "minh-chung")]
    [InlineData(null, "minh-chung")]
    public void A_name_keeps_its_letters_and_loses_paths_controls_and_quotes(string? given, string kept) =>
        Assert.Equal(kept, UploadName.Clean(given, "minh-chung"));

    [Fact]
    public void A_long_name_keeps_its_end()
    {
        var name = new string('a', 300) + ".pdf";
        var kept = UploadName.Clean(name, "x");
        Assert.Equal(UploadName.MaxLength, kept.Length);
        Assert.EndsWith(".pdf", kept, StringComparison.Ordinal);
    }
}
