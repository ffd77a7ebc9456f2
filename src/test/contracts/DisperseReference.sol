// SPDX-License-Identifier: UNLICENSED
// Benchmark baseline only: a Disperse-style ETH batch written from the public description of
// disperseEther (a loop of `.transfer()` to each recipient, then the leftover sent back to the
// caller). The app never deploys or calls it; bench/ measures our BatchPayout against it.
pragma solidity 0.8.37;

contract DisperseReference {
    function disperseEther(address[] calldata recipients, uint256[] calldata values) external payable {
        for (uint256 i = 0; i < recipients.length; i++) {
            payable(recipients[i]).transfer(values[i]);
        }
        uint256 leftover = address(this).balance;
        if (leftover > 0) {
            payable(msg.sender).transfer(leftover);
        }
    }
}
