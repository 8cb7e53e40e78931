using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Tests.Api;

/// <summary>Tokens and clients for the API tests: a token is made the way the account page makes one (ApiTokens).</summary>
public static class ApiTestKit
{
    /// <summary>An authenticator key, so that roles that must use two-factor authentication may use a token.</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static async Task<(Guid Id, string Secret)> CreateTokenAsync(this PortalFactory factory, string email,
        ApiTokenScopes scopes = ApiTokenScopes.Read | ApiTokenScopes.Import, int days = 30)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user, "kiểm thử", scopes, days);
        return (created.Token.Id, created.Secret);
    }

    public static HttpClient ApiClient(this PortalFactory factory, string? secret)
    {
        var client = factory.CreateClient();
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts a problem+json answer with the status and a Vietnamese message; returns the message.</summary>
    public static async Task<string> AssertProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        var message = json.GetProperty("message").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static ByteArrayContent Body(byte[] content, string mediaType = "application/json")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return body;
    }
}
