using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>Hands mails over; one result per mail, null when it was accepted.</summary>
public interface IMailTransport
{
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: one connection per batch, TLS as configured.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var results = new string?[messages.Count];
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host ?? string.Empty, options.Port, Security(options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Array.Fill(results, $"Không kết nối được máy chủ thư {options.Host}:{options.Port}: {ex.Message}");
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = $"Máy chủ thư không nhận thư: {ex.Message}";
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The mails were accepted already; a failed goodbye changes nothing.
        }

        return results;
    }

    private static SecureSocketOptions Security(string value) => value.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        "STARTTLSWHENAVAILABLE" => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>Development: each mail becomes an .eml file in a folder, to be opened with any mail reader.</summary>
public sealed class FolderMailTransport(MailOptions options, IHostEnvironment environment) : IMailTransport
{
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.PickupFolder, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var results = new string?[messages.Count];
        foreach (var message in messages)
        {
            var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
            await message.WriteToAsync(path, cancellationToken);
        }

        return results;
    }
}
