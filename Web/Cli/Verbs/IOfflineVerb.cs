namespace PaperSearch.Web.Cli.Verbs;

/// <summary>
/// A verb that works on the data dir's files and must not start the app's services: starting them opens the
/// index writer, which a running server holds (backup runs beside it; restore needs it closed).
/// </summary>
public interface IOfflineVerb : ICliVerb;
