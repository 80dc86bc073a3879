using Steward.Core.Kubernetes;

namespace Steward.Core.Tests.Kubernetes;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null)]
    [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27")]
    [InlineData("bitnami/redis:7", "docker.io", "bitnami/redis", "7")]
    [InlineData("registry.example.com/risk/app:1.3.0", "registry.example.com", "risk/app", "1.3.0")]
    [InlineData("localhost:5000/app", "localhost:5000", "app", null)]
    [InlineData("ghcr.io/example/vllm@sha256:abc", "ghcr.io", "example/vllm", null)]
    public void Splits_like_the_container_runtime(string image, string registry, string repository, string? tag)
    {
        var parsed = ImageReference.Parse(image);
        parsed.Registry.Should().Be(registry);
        parsed.Repository.Should().Be(repository);
        parsed.Tag.Should().Be(tag);
    }

    [Theory]
    [InlineData("registry.example.com/app:1", "registry.example.com", true)]
    [InlineData("registry.example.com.evil.io/app:1", "registry.example.com", false)]
    [InlineData("ghcr.io/example/app:1", "ghcr.io/example", true)]
    [InlineData("ghcr.io/examples/app:1", "ghcr.io/example", false)]
    [InlineData("nginx:1", "docker.io", true)]
    [InlineData("nginx:1", "docker.io/library", true)]
    [InlineData("quay.io/x/y", "docker.io", false)]
    public void Approval_is_by_path_prefix(string image, string approved, bool expected) =>
        ImageReference.Parse(image).IsUnder(approved).Should().Be(expected);

    [Theory]
    [InlineData("app@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a", true)]
    [InlineData("app:1.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a", true)]
    [InlineData("app@sha256:3f5a", false)]
    [InlineData("app:sha256", false)]
    public void Digest_pinning(string image, bool pinned) => ImageReference.Parse(image).IsPinnedByDigest.Should().Be(pinned);
}
