var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents();
var app = builder.Build();
app.MapStaticAssets();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
