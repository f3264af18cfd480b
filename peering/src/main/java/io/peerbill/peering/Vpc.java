package io.peerbill.peering;

import java.util.List;

/** A private network of one account in one region, with its IPv4 blocks. */
public record Vpc(String id, String accountId, String region, String name, List<CidrBlock> blocks) {

  public Vpc {
    blocks = List.copyOf(blocks);
  }

  /** The first pair of overlapping blocks between this VPC and {@code other}, if any. */
  public CidrBlock[] firstOverlapWith(Vpc other) {
    for (CidrBlock mine : blocks) {
      for (CidrBlock theirs : other.blocks) {
        if (mine.overlaps(theirs)) {
          return new CidrBlock[] {mine, theirs};
        }
      }
    }
    return null;
  }

  public boolean containsAddress(int address) {
    return blocks.stream().anyMatch(b -> b.contains(address));
  }

  public boolean containsBlock(CidrBlock block) {
    return blocks.stream().anyMatch(b -> b.contains(block));
  }
}
