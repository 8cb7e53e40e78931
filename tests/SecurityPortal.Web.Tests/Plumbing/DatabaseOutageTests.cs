using System.Net;
using System.Net.Sockets;
using Npgsql;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The database goes away and comes back (issue 8 item 8): pages answer the bilingual «service unavailable» page with
/// 503 (never an error page or a stack trace), readiness fails, and the portal recovers by itself. On PostgreSQL the
/// server is reached through a TCP relay the test cuts and restores; on SQLite the database file is moved away and a
/// directory stands in its place (so SQLite cannot silently create an empty file), then the file is put back.
/// </summary>
public sealed class DatabaseOutageTests : PortalTestBase, IDisposable
{
    private TcpRelay? _relay;

    protected override PortalFactory Configure(PortalFactory factory)
    {
        if (factory.Database.Provider != DatabaseProvider.PostgreSql)
        {
            return factory;
        }

        var target = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString);
        _relay = new TcpRelay(target.Host!, target.Port);
        var relayed = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString) { Host = "127.0.0.1", Port = _relay.Port, Pooling = false, Timeout = 3 };
        // Two quick retries instead of six waits that grow to 30 s: the outage answers 503 after seconds, not a minute.
        return factory.With("ConnectionStrings:Portal", relayed.ConnectionString)
            .With("Database:RetryCount", "2").With("Database:RetryMaxDelaySeconds", "1");
    }

    [Fact]
    public async Task When_the_database_is_down_pages_say_so_with_503_and_the_portal_recovers_by_itself()
    {
        var agency = await Factory.CreateAgencyAsync("SL-DOWN", "Sở Công Thương");
        await Factory.CreateUserAsync("down@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("down@tinh.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);

        await using (var outage = await OutageAsync())
        {
            var page = await client.GetAsync("/Systems");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var text = await page.Content.ReadAsStringAsync();
            Assert.Contains("Dịch vụ tạm thời gián đoạn", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }

        // Back: within the retry pause (5 s) the portal is ready again and the same session works.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(500);
            status = (await client.GetAsync("/health/ready")).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);
    }

    private async Task<IAsyncDisposable> OutageAsync()
    {
        if (_relay is { } relay)
        {
            await relay.CutAsync();
            return new Restore(() => relay.Restore());
        }

        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Factory.Database.ConnectionString).DataSource;
        var aside = path + ".away";
        File.Move(path, aside);
        Directory.CreateDirectory(path);
        return new Restore(() =>
        {
            Directory.Delete(path);
            File.Move(aside, path);
        });
    }

    public void Dispose() => _relay?.Dispose();

    private sealed class Restore(Action restore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            restore();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A TCP relay on loopback to a server; cutting it closes every relayed connection and refuses new ones.</summary>
public sealed class TcpRelay : IDisposable
{
    private readonly string _host;
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener _listener;
    private CancellationTokenSource _stop = new();

    public TcpRelay(string host, int targetPort)
    {
        (_host, _targetPort) = (host, targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public int Port { get; }

    public Task CutAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }

        return Task.CompletedTask;
    }

    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public void Dispose()
    {
        _ = CutAsync();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_host, _targetPort, stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound.GetStream(), outbound.GetStream(), stop);
            _ = PumpAsync(outbound.GetStream(), inbound.GetStream(), stop);
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken stop)
    {
        try
        {
            await from.CopyToAsync(to, stop);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay was cut: the other side sees its connection close.
        }
    }
}
