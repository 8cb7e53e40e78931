using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SecurityPortal.Web.Observability;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// An Excel download of a list, streamed: rows are read from the database one at a time and written through
/// <see cref="XlsxWriter"/> straight to the response, flushed every <see cref="FlushEvery"/> rows, so neither the rows
/// nor the file are ever held whole, the first bytes leave at once, and a large export reports its progress
/// (<see cref="ExportProgress"/>). At most <see cref="PortalOptions.ExportRowLimit"/> rows are written; a longer list
/// ends with a row saying the rest was left out, and the progress says so too. Should the database fail once the
/// download has started, the connection is cut and the browser reports a failed download; nothing partial passes for
/// a complete file.
/// </summary>
public sealed class SpreadsheetDownload<T>(
    string fileName, string sheetName, IReadOnlyList<string> header, Func<int, IQueryable<T>> rows, Func<T, IReadOnlyList<object?>> cells,
    Func<int, CancellationToken, Task<int>>? count) : IActionResult
{
    public const int FlushEvery = 200;

    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        var ticket = await http.RequestServices.GetRequiredService<ExportProgress>().BeginAsync(http);
        var limit = http.RequestServices.GetRequiredService<PortalOptions>().ExportRowLimit;
        try
        {
            if (ticket is not null && count is not null)
            {
                await ticket.ReportAsync(0, Math.Min(limit, await count(limit + 1, cancellationToken)), cancellationToken);
            }

            var response = http.Response;
            response.ContentType = Spreadsheet.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
            var body = response.BodyWriter;
            var written = 0;
            using (var writer = new XlsxWriter(new PipeBufferStream(body)))
            {
                writer.BeginSheet(sheetName, header);
                await foreach (var row in rows(limit + 1).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (written == limit)
                    {
                        writer.WriteRow([string.Format(Vietnamese, "Danh sách còn tiếp: mỗi lần xuất tối đa {0:N0} dòng. Hãy lọc để xuất phần còn lại.", limit)]);
                        ticket?.Truncate();
                        break;
                    }

                    writer.WriteRow(cells(row));
                    if (++written % FlushEvery == 0)
                    {
                        writer.Flush();
                        await body.FlushAsync(cancellationToken);
                        if (ticket is not null)
                        {
                            await ticket.ReportAsync(written, cancellationToken: cancellationToken);
                        }
                    }
                }
            }

            await body.FlushAsync(cancellationToken);
            if (ticket is not null)
            {
                await ticket.FinishAsync(written, cancellationToken);
            }

            PortalTelemetry.Exported(sheetName, written);
        }
        catch
        {
            if (ticket is not null)
            {
                await ticket.FailAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// A write-only stream over the response's pipe that only buffers: the zip writes synchronously, and the export
    /// awaits the flush between rows, so no write blocks a thread on the network.
    /// </summary>
    private sealed class PipeBufferStream(PipeWriter pipe) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => pipe.Write(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
