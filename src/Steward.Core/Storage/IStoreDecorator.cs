namespace Steward.Core.Storage;

/// <summary>
/// A store that wraps another one and adds behaviour to its calls (e.g. recording an idempotency key
/// inside an import). <see cref="StoreBackend"/> looks through it to find the database underneath.
/// </summary>
public interface IStoreDecorator
{
    /// <summary>The store this one wraps.</summary>
    IStewardStore Inner { get; }
}
