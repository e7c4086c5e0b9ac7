using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperSearch.Web.Cli;

/// <summary>The CLI's --json output uses the same shape as the REST API (camelCase, enums as strings).</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
