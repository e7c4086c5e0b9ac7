using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperSearch.Web.Cli;

/// <summary>
/// The CLI's --json output uses the same shape as the REST API (camelCase, enums as strings), written as plain UTF-8:
/// a title in Chinese reads as Chinese, not as \uXXXX escapes. The relaxed encoder only skips the escaping that
/// protects JSON embedded in HTML, which a terminal or a pipe does not need.
/// </summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
