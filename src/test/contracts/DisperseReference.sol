// SPDX-License-Identifier: UNLICENSED
// Benchmark baseline only: a Disperse-style batch written from the public description of Disperse
// (disperseEther: a loop of `.transfer()` to each recipient, then the leftover sent back to the
// caller; disperseToken: one transferFrom of the total into the contract, then one transfer per
// recipient, each required to return true). The app never deploys or calls it; bench/ measures our
// BatchPayout against it.
pragma solidity 0.8.37;

interface IReferenceToken {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

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

    function disperseToken(IReferenceToken token, address[] calldata recipients, uint256[] calldata values) external {
        uint256 total = 0;
        for (uint256 i = 0; i < recipients.length; i++) total += values[i];
        require(token.transferFrom(msg.sender, address(this), total));
        for (uint256 i = 0; i < recipients.length; i++) require(token.transfer(recipients[i], values[i]));
    }
}
