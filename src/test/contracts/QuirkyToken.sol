// SPDX-License-Identifier: UNLICENSED
// A token that misbehaves the ways tokens in the wild do, on request: its transfers to one address
// return false instead of reverting, or its transfer (not transferFrom, so a batch gets past its
// pull of the total) returns no value at all, as USDT's does on Ethereum. Tests use it to check
// that the batch contract accepts nothing but an explicit true.
pragma solidity 0.8.37;

contract QuirkyToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    /// transfer and transferFrom to this address return false and move nothing.
    address public refused;
    bool public returnsNothing;

    event Transfer(address indexed from, address indexed to, uint256 value);

    function mint(address to, uint256 value) external {
        balanceOf[to] += value;
    }

    function setRefused(address account) external {
        refused = account;
    }

    function setReturnsNothing(bool nothing) external {
        returnsNothing = nothing;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        return true;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        bool moved = _move(msg.sender, to, value);
        if (moved && returnsNothing) {
            assembly {
                return(0, 0)
            }
        }
        return moved;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        require(allowance[from][msg.sender] >= value, "QuirkyToken: allowance too low");
        allowance[from][msg.sender] -= value;
        return _move(from, to, value);
    }

    function _move(address from, address to, uint256 value) private returns (bool) {
        if (to == refused) return false;
        require(balanceOf[from] >= value, "QuirkyToken: balance too low");
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
        return true;
    }
}
