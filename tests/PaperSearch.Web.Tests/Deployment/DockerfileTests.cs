using System.Xml.Linq;
using PaperSearch.Web.Hosting;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>The image's Dockerfile, checked against the repository it builds (no Docker engine runs here).</summary>
public sealed class DockerfileTests
{
    private const string WebProject = "Web/PaperSearch.Web.csproj";
    private static readonly string DataDirKey = $"{PaperSearchOptions.Section}__{nameof(PaperSearchOptions.DataDir)}";

    private readonly IReadOnlyList<DockerStage> _stages = Dockerfile.LoadStages();

    private DockerStage Build => _stages[0];
    private DockerStage Runtime => _stages[^1];

    [Fact]
    public void Dockerfile_BuildsOnTheSdkImage_AndRunsOnTheAspNetRuntime()
    {
        Assert.Equal(2, _stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Runtime.Image);
        var copyFrom = Assert.Single(Runtime.All("COPY"), c => c.Arguments.StartsWith("--from=", StringComparison.Ordinal));
        Assert.Equal(Build.Name, copyFrom.Words[0]["--from=".Length..]);
    }

    [Fact]
    public void Dockerfile_PublishesTheWebProject_WhoseAssemblyTheEntrypointRuns()
    {
        var publish = Assert.Single(Build.All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Words;
        var project = publish[publish.ToList().IndexOf("publish") + 1];
        Assert.Equal(WebProject, project);
        Assert.True(RepoFiles.Exists(project), $"{project} does not exist");
        Assert.Contains("Release", publish);

        var output = publish[publish.ToList().IndexOf("-o") + 1];
        var copied = Assert.Single(Runtime.All("COPY"), c => c.Arguments.StartsWith("--from=", StringComparison.Ordinal)).Words;
        Assert.Equal(output, copied[1]);

        // The entrypoint runs the assembly the Web project builds: the same one these tests load.
        var assemblyName = XDocument.Load(RepoFiles.Path(project)).Descendants("AssemblyName").Single().Value;
        Assert.Equal(typeof(PaperSearchOptions).Assembly.GetName().Name, assemblyName);
        var entrypoint = Assert.Single(Runtime.All("ENTRYPOINT")).Arguments;
        Assert.Contains($"\"{assemblyName}.dll\"", entrypoint);
        // Static web assets are resolved against the content root, i.e. the working directory: it must be the app's.
        Assert.Equal(output, Assert.Single(Runtime.All("WORKDIR")).Arguments);
    }

    [Fact]
    public void Dockerfile_CopiesEveryProjectTheWebProjectNeeds_FromPathsInTheBuildContext()
    {
        var sources = Build.All("COPY").SelectMany(c => c.Words.SkipLast(1)).ToList();
        var ignored = RepoFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('/') + "/").ToList();
        foreach (var source in sources)
        {
            Assert.True(RepoFiles.Exists(source), $"COPY source '{source}' is not in the repository");
            Assert.DoesNotContain(ignored, i => (source.TrimEnd('/') + "/").StartsWith(i, StringComparison.Ordinal));
        }

        // Every project Web references, transitively, and the props files they build with.
        foreach (var project in ProjectClosure(WebProject))
        {
            var dir = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            Assert.Contains(dir, sources);
            Assert.Contains(project, sources);
        }
        Assert.Contains("Directory.Build.props", sources);
        Assert.Contains("Directory.Packages.props", sources);

        // Web/wwwroot is a link to the top-level wwwroot/: the link alone would dangle in the image.
        var link = new DirectoryInfo(RepoFiles.Path("Web/wwwroot")).LinkTarget;
        if (link is not null)
            Assert.Contains(Path.GetRelativePath(RepoFiles.Root, Path.GetFullPath(Path.Combine(RepoFiles.Path("Web"), link))) + "/", sources);
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootUser_WithADataVolumeAndAHealthCheck()
    {
        var user = Assert.Single(Runtime.All("USER")).Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains("/data", Assert.Single(Runtime.All("VOLUME")).Arguments);
        Assert.Contains(Runtime.All("ENV"), e => e.Arguments == $"{DataDirKey}=/data");
        // The volume path is created and handed to the user before USER, so fresh volumes are writable.
        Assert.Contains(Runtime.All("RUN"), r => r.Arguments.Contains("/data", StringComparison.Ordinal) && r.Arguments.Contains("chown", StringComparison.Ordinal));

        var health = Assert.Single(Runtime.All("HEALTHCHECK")).Arguments;
        Assert.Contains("http://localhost:8080/health", health);
        Assert.Contains(Runtime.All("RUN"), r => r.Arguments.Contains("install", StringComparison.Ordinal) && r.Words.Contains("curl"));
    }

    /// <summary>Repository-relative paths of a project and every project it references, transitively.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var current))
        {
            if (!seen.Add(current)) continue;
            var dir = Path.GetDirectoryName(RepoFiles.Path(current))!;
            foreach (var reference in XDocument.Load(RepoFiles.Path(current)).Descendants("ProjectReference"))
                queue.Enqueue(Path.GetRelativePath(RepoFiles.Root, Path.GetFullPath(Path.Combine(dir, reference.Attribute("Include")!.Value))).Replace('\\', '/'));
        }
        return seen;
    }
}
