using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PaperSearch.Indexer.Embeddings;
using PaperSearch.Indexer.Harvest;
using PaperSearch.Indexer.Index;
using PaperSearch.Indexer.Jobs;
using PaperSearch.Indexer.Store;
using PaperSearch.Ranking.Embedding;
using PaperSearch.Web.Hardening;
using PaperSearch.Web.Hosting;
using PaperSearch.Web.Search;

namespace PaperSearch.Web.Tests.Deployment;

/// <summary>
/// The shipped appsettings.json writes every default out (so an operator sees every knob), and each written value is
/// the code's default: the two can never drift apart, and the defaults themselves pass their own validation.
/// </summary>
public sealed class AppSettingsDefaultsTests
{
    /// <summary>Each options class with its section. Store's DataDir, Provider and ConnectionString are filled from
    /// PaperSearch:DataDir, PaperSearch:Store and ConnectionStrings:PaperSearch, so they are not written under Store.</summary>
    public static TheoryData<string, Type, string[]> Sections => new()
    {
        { PaperSearchOptions.Section, typeof(PaperSearchOptions), [] },
        { SearchOptions.Section, typeof(SearchOptions), [] },
        { IndexOptions.Section, typeof(IndexOptions), [] },
        { EmbeddingOptions.Section, typeof(EmbeddingOptions), [] },
        { SemanticOptions.Section, typeof(SemanticOptions), [] },
        { HarvestOptions.Section, typeof(HarvestOptions), [] },
        { RateLimitOptions.Section, typeof(RateLimitOptions), [] },
        { ProxyOptions.Section, typeof(ProxyOptions), [] },
        { JobsOptions.Section, typeof(JobsOptions), [] },
        { PaperSearch.Web.Library.LibraryOptions.Section, typeof(PaperSearch.Web.Library.LibraryOptions), [] },
        { StoreOptions.Section, typeof(StoreOptions), [nameof(StoreOptions.DataDir), nameof(StoreOptions.Provider), nameof(StoreOptions.ConnectionString)] },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void AppSettings_WritesEveryDefault_AsTheCodeHasIt(string section, Type type, string[] filledElsewhere)
    {
        var config = new ConfigurationBuilder().AddJsonFile(ShippedAppSettings(), optional: false).Build().GetSection(section);
        var defaults = Activator.CreateInstance(type)!;
        var bound = Activator.CreateInstance(type)!;
        config.Bind(bound);
        var written = config.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var property in Settable(type).Where(p => !filledElsewhere.Contains(p.Name)))
        {
            if (property.GetValue(defaults) is System.Collections.IEnumerable items and not string)
            {
                // Binding appends a configured list to the default's items, so a list default must be empty in code.
                Assert.True(!items.Cast<object>().Any(), $"{type.Name}.{property.Name} has items by default; binding would add configured ones to them.");
                Assert.True(written.Contains(property.Name), $"appsettings.json has no {section}:{property.Name}.");
                continue;
            }
            // A null default is written as null, which configuration keeps as a key with an empty value.
            Assert.True(written.Contains(property.Name), $"appsettings.json has no {section}:{property.Name} (the code's default is {Json(property.GetValue(defaults))}).");
            Assert.True(Json(property.GetValue(defaults)) == Json(property.GetValue(bound)),
                $"{section}:{property.Name} is {Json(property.GetValue(bound))} in appsettings.json but {Json(property.GetValue(defaults))} in {type.Name}.");
        }
        Assert.Empty(OptionsRules.Problems(defaults));
    }

    [Fact]
    public void OptionsRules_NameTheSettingAndTheRule_WhenAValueIsOutOfRange()
    {
        Assert.Equal(["Search:Alpha must be in [0, 1]."], OptionsRules.Problems(new SearchOptions { Alpha = 1.5 }));
        Assert.Equal(["Index:RefreshSeconds must be 1..86400."], OptionsRules.Problems(new IndexOptions { RefreshSeconds = 0 }));
        Assert.Equal(["Related:MaxPostings must be 1000..1000000000."], OptionsRules.Problems(new PaperSearch.Web.Related.RelatedOptions { MaxPostings = 10 }));
        var model = Assert.Single(OptionsRules.Problems(new EmbeddingOptions { Model = "gpt" }));
        Assert.StartsWith("Embedding:Model 'gpt' is unknown; use one of: ", model);
    }

    [Fact]
    public void HarvestSets_AreTheConfiguredOnesOnly_WhenAnOperatorOverridesTheShippedList()
    {
        var config = new ConfigurationBuilder().AddJsonFile(ShippedAppSettings(), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Harvest:Sets:0"] = "math" }).Build();

        var shipped = new ConfigurationBuilder().AddJsonFile(ShippedAppSettings(), optional: false).Build().GetSection(HarvestOptions.Section).Get<HarvestOptions>()!;
        var overridden = config.GetSection(HarvestOptions.Section).Get<HarvestOptions>()!;

        Assert.Equal(["cs"], shipped.EffectiveSets);
        Assert.Equal(["math"], overridden.EffectiveSets);
        Assert.Equal(["cs"], new HarvestOptions().EffectiveSets);
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null);

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private static string ShippedAppSettings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Web", "appsettings.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Web/appsettings.json not found above " + AppContext.BaseDirectory);
    }
}
