using System.Collections.Frozen;

namespace PaperSearch.Categories;

/// <summary>
/// The arXiv category taxonomy (codes and names) as published on arxiv.org/category_taxonomy.
/// Used to validate category expressions, to split them unambiguously (codes such as
/// <c>hep-th</c> contain the difference operator), and for autocomplete in the UI.
/// </summary>
public static class ArxivTaxonomy
{
    /// <summary>Category code → English name. Alias codes are included (they resolve via <see cref="CategoryAliases"/>).</summary>
    public static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["cs.AI"] = "Artificial Intelligence", ["cs.AR"] = "Hardware Architecture", ["cs.CC"] = "Computational Complexity",
        ["cs.CE"] = "Computational Engineering, Finance, and Science", ["cs.CG"] = "Computational Geometry",
        ["cs.CL"] = "Computation and Language", ["cs.CR"] = "Cryptography and Security",
        ["cs.CV"] = "Computer Vision and Pattern Recognition", ["cs.CY"] = "Computers and Society",
        ["cs.DB"] = "Databases", ["cs.DC"] = "Distributed, Parallel, and Cluster Computing", ["cs.DL"] = "Digital Libraries",
        ["cs.DM"] = "Discrete Mathematics", ["cs.DS"] = "Data Structures and Algorithms", ["cs.ET"] = "Emerging Technologies",
        ["cs.FL"] = "Formal Languages and Automata Theory", ["cs.GL"] = "General Literature", ["cs.GR"] = "Graphics",
        ["cs.GT"] = "Computer Science and Game Theory", ["cs.HC"] = "Human-Computer Interaction",
        ["cs.IR"] = "Information Retrieval", ["cs.IT"] = "Information Theory", ["cs.LG"] = "Machine Learning",
        ["cs.LO"] = "Logic in Computer Science", ["cs.MA"] = "Multiagent Systems", ["cs.MM"] = "Multimedia",
        ["cs.MS"] = "Mathematical Software", ["cs.NA"] = "Numerical Analysis", ["cs.NE"] = "Neural and Evolutionary Computing",
        ["cs.NI"] = "Networking and Internet Architecture", ["cs.OH"] = "Other Computer Science",
        ["cs.OS"] = "Operating Systems", ["cs.PF"] = "Performance", ["cs.PL"] = "Programming Languages",
        ["cs.RO"] = "Robotics", ["cs.SC"] = "Symbolic Computation", ["cs.SD"] = "Sound",
        ["cs.SE"] = "Software Engineering", ["cs.SI"] = "Social and Information Networks", ["cs.SY"] = "Systems and Control",
        ["econ.EM"] = "Econometrics", ["econ.GN"] = "General Economics", ["econ.TH"] = "Theoretical Economics",
        ["eess.AS"] = "Audio and Speech Processing", ["eess.IV"] = "Image and Video Processing",
        ["eess.SP"] = "Signal Processing", ["eess.SY"] = "Systems and Control",
        ["math.AC"] = "Commutative Algebra", ["math.AG"] = "Algebraic Geometry", ["math.AP"] = "Analysis of PDEs",
        ["math.AT"] = "Algebraic Topology", ["math.CA"] = "Classical Analysis and ODEs", ["math.CO"] = "Combinatorics",
        ["math.CT"] = "Category Theory", ["math.CV"] = "Complex Variables", ["math.DG"] = "Differential Geometry",
        ["math.DS"] = "Dynamical Systems", ["math.FA"] = "Functional Analysis", ["math.GM"] = "General Mathematics",
        ["math.GN"] = "General Topology", ["math.GR"] = "Group Theory", ["math.GT"] = "Geometric Topology",
        ["math.HO"] = "History and Overview", ["math.IT"] = "Information Theory", ["math.KT"] = "K-Theory and Homology",
        ["math.LO"] = "Logic", ["math.MG"] = "Metric Geometry", ["math.MP"] = "Mathematical Physics",
        ["math.NA"] = "Numerical Analysis", ["math.NT"] = "Number Theory", ["math.OA"] = "Operator Algebras",
        ["math.OC"] = "Optimization and Control", ["math.PR"] = "Probability", ["math.QA"] = "Quantum Algebra",
        ["math.RA"] = "Rings and Algebras", ["math.RT"] = "Representation Theory", ["math.SG"] = "Symplectic Geometry",
        ["math.SP"] = "Spectral Theory", ["math.ST"] = "Statistics Theory",
        ["astro-ph"] = "Astrophysics", ["astro-ph.CO"] = "Cosmology and Nongalactic Astrophysics",
        ["astro-ph.EP"] = "Earth and Planetary Astrophysics", ["astro-ph.GA"] = "Astrophysics of Galaxies",
        ["astro-ph.HE"] = "High Energy Astrophysical Phenomena", ["astro-ph.IM"] = "Instrumentation and Methods for Astrophysics",
        ["astro-ph.SR"] = "Solar and Stellar Astrophysics",
        ["cond-mat"] = "Condensed Matter", ["cond-mat.dis-nn"] = "Disordered Systems and Neural Networks",
        ["cond-mat.mes-hall"] = "Mesoscale and Nanoscale Physics", ["cond-mat.mtrl-sci"] = "Materials Science",
        ["cond-mat.other"] = "Other Condensed Matter", ["cond-mat.quant-gas"] = "Quantum Gases",
        ["cond-mat.soft"] = "Soft Condensed Matter", ["cond-mat.stat-mech"] = "Statistical Mechanics",
        ["cond-mat.str-el"] = "Strongly Correlated Electrons", ["cond-mat.supr-con"] = "Superconductivity",
        ["gr-qc"] = "General Relativity and Quantum Cosmology", ["hep-ex"] = "High Energy Physics - Experiment",
        ["hep-lat"] = "High Energy Physics - Lattice", ["hep-ph"] = "High Energy Physics - Phenomenology",
        ["hep-th"] = "High Energy Physics - Theory", ["math-ph"] = "Mathematical Physics",
        ["nlin"] = "Nonlinear Sciences", ["nlin.AO"] = "Adaptation and Self-Organizing Systems",
        ["nlin.CD"] = "Chaotic Dynamics", ["nlin.CG"] = "Cellular Automata and Lattice Gases",
        ["nlin.PS"] = "Pattern Formation and Solitons", ["nlin.SI"] = "Exactly Solvable and Integrable Systems",
        ["nucl-ex"] = "Nuclear Experiment", ["nucl-th"] = "Nuclear Theory",
        ["physics"] = "Physics", ["physics.acc-ph"] = "Accelerator Physics", ["physics.ao-ph"] = "Atmospheric and Oceanic Physics",
        ["physics.app-ph"] = "Applied Physics", ["physics.atm-clus"] = "Atomic and Molecular Clusters",
        ["physics.atom-ph"] = "Atomic Physics", ["physics.bio-ph"] = "Biological Physics",
        ["physics.chem-ph"] = "Chemical Physics", ["physics.class-ph"] = "Classical Physics",
        ["physics.comp-ph"] = "Computational Physics", ["physics.data-an"] = "Data Analysis, Statistics and Probability",
        ["physics.ed-ph"] = "Physics Education", ["physics.flu-dyn"] = "Fluid Dynamics", ["physics.gen-ph"] = "General Physics",
        ["physics.geo-ph"] = "Geophysics", ["physics.hist-ph"] = "History and Philosophy of Physics",
        ["physics.ins-det"] = "Instrumentation and Detectors", ["physics.med-ph"] = "Medical Physics",
        ["physics.optics"] = "Optics", ["physics.plasm-ph"] = "Plasma Physics", ["physics.pop-ph"] = "Popular Physics",
        ["physics.soc-ph"] = "Physics and Society", ["physics.space-ph"] = "Space Physics",
        ["quant-ph"] = "Quantum Physics",
        ["q-bio"] = "Quantitative Biology", ["q-bio.BM"] = "Biomolecules", ["q-bio.CB"] = "Cell Behavior",
        ["q-bio.GN"] = "Genomics", ["q-bio.MN"] = "Molecular Networks", ["q-bio.NC"] = "Neurons and Cognition",
        ["q-bio.OT"] = "Other Quantitative Biology", ["q-bio.PE"] = "Populations and Evolution",
        ["q-bio.QM"] = "Quantitative Methods", ["q-bio.SC"] = "Subcellular Processes", ["q-bio.TO"] = "Tissues and Organs",
        ["q-fin"] = "Quantitative Finance", ["q-fin.CP"] = "Computational Finance", ["q-fin.EC"] = "Economics",
        ["q-fin.GN"] = "General Finance", ["q-fin.MF"] = "Mathematical Finance", ["q-fin.PM"] = "Portfolio Management",
        ["q-fin.PR"] = "Pricing of Securities", ["q-fin.RM"] = "Risk Management", ["q-fin.ST"] = "Statistical Finance",
        ["q-fin.TR"] = "Trading and Market Microstructure",
        ["stat.AP"] = "Applications", ["stat.CO"] = "Computation", ["stat.ME"] = "Methodology", ["stat.ML"] = "Machine Learning",
        ["stat.OT"] = "Other Statistics", ["stat.TH"] = "Statistics Theory",
        // Retired archives that still appear on old papers.
        ["acc-phys"] = "Accelerator Physics (retired)", ["adap-org"] = "Adaptation (retired)", ["alg-geom"] = "Algebraic Geometry (retired)",
        ["ao-sci"] = "Atmospheric-Oceanic Sciences (retired)", ["atom-ph"] = "Atomic Physics (retired)", ["bayes-an"] = "Bayesian Analysis (retired)",
        ["chao-dyn"] = "Chaotic Dynamics (retired)", ["chem-ph"] = "Chemical Physics (retired)", ["cmp-lg"] = "Computation and Language (retired)",
        ["comp-gas"] = "Cellular Automata (retired)", ["dg-ga"] = "Differential Geometry (retired)", ["funct-an"] = "Functional Analysis (retired)",
        ["mtrl-th"] = "Materials Theory (retired)", ["patt-sol"] = "Pattern Formation (retired)", ["plasm-ph"] = "Plasma Physics (retired)",
        ["q-alg"] = "Quantum Algebra (retired)", ["solv-int"] = "Exactly Solvable Systems (retired)", ["supr-con"] = "Superconductivity (retired)",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Archives (the part before the dot) that group several categories: <c>cs</c>, <c>math</c>, ….</summary>
    public static readonly FrozenSet<string> Archives =
        Names.Keys.Select(ArchiveOf).Concat(["cs", "math", "stat", "econ", "eess"]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The archive of a category: <c>cs.AI</c> → <c>cs</c>, <c>hep-th</c> → <c>hep-th</c>.</summary>
    public static string ArchiveOf(string category)
    {
        var dot = category.IndexOf('.');
        return dot < 0 ? category : category[..dot];
    }

    /// <summary>The code as the taxonomy spells it (case fixed), or null if unknown.</summary>
    public static string? CanonicalCode(string code) =>
        Spelling.TryGetValue(code, out var exact) ? exact
        : Archives.TryGetValue(code, out var archive) ? archive.ToLowerInvariant() : null;

    private static readonly FrozenDictionary<string, string> Spelling =
        Names.Keys.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    public static bool IsKnownCategory(string code) => Names.ContainsKey(code);
}
