using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecurityPortal.Web.Api;

/// <summary>
/// The OpenAPI document of /api/v1, served anonymously at /api/v1/openapi.json (it describes the endpoints and reveals no
/// data) and committed as docs/api/openapi.json; a test keeps the two equal. No server address is written, so the document
/// is the same on every host.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = ApiEndpoints.Prefix + "/openapi.json";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SecurityPortal API",
                Version = "v1",
                Description = "Đọc hệ thống, thành phần phần mềm, nhiệm vụ, cảnh báo và nhập SBOM bằng mã truy cập cá nhân (Authorization: Bearer spat_…). "
                    + "Lỗi trả về dạng application/problem+json với trường message tiếng Việt.",
            };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
            {
                ["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "spat_…",
                    Description = "Mã truy cập cá nhân, tạo ở trang Tài khoản → Mã truy cập API.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        });
    }

    public static void MapPortalApiDocument(this IEndpointRouteBuilder app) => app.MapOpenApi(Path).AllowAnonymous();
}
