using System.Text.RegularExpressions;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>One instruction of a Dockerfile: <c>COPY a b</c> → ("COPY", "a b"), continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A build stage: <c>FROM image AS name</c> and the instructions under it.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The repository's Dockerfile split into stages (enough of the syntax for the checks: no parser directives needed).</summary>
internal static partial class Dockerfile
{
    public static IReadOnlyList<DockerStage> LoadStages(string relativePath = "Dockerfile")
    {
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        foreach (var instruction in Instructions(RepoFiles.Read(relativePath)))
        {
            if (instruction.Keyword == "FROM")
            {
                var m = From().Match(instruction.Arguments);
                current = [];
                stages.Add(new DockerStage(m.Groups["image"].Value, m.Groups["name"].Success ? m.Groups["name"].Value : null, current));
            }
            else current?.Add(instruction);
        }
        return stages;
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#')) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            var full = (pending + line).Trim();
            pending = "";
            if (full.Length == 0) continue;
            var space = full.IndexOf(' ');
            yield return space < 0
                ? new DockerInstruction(full.ToUpperInvariant(), "")
                : new DockerInstruction(full[..space].ToUpperInvariant(), Whitespace().Replace(full[(space + 1)..], " ").Trim());
        }
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
