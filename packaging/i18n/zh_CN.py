"""The Simplified Chinese of every string, by its English source: fills backprop_studio_zh_CN.ts.

Kept as a plain table so a reviewer reads English and Chinese side by side;
``python packaging/i18n/fill.py`` writes it into the ``.ts`` (after
``python -m designer.i18n`` has collected the strings) and compiles the
``.qm``. Qt Linguist can edit the ``.ts`` directly too. The terms follow the
textbook (resources/translations/glossary.tsv, checked by the tests).
"""

ZH_CN = {
    # banners
    "Try again now": "立即重试",
    "Save As…": "另存为…",
    "Training is paused; the network keeps the last weights that were still finite.":
        "训练已暂停；网络保留最后一组仍为有限值的权重。",
    "Learning rate ÷ 10": "学习率 ÷ 10",
    "Reset weights": "重置权重",
    # canvas
    "Build a network": "搭建一个网络",
    "Drag an Input, a Layer and an Output from the palette.\nThen drag from a node's right-hand port to the "
    "next node to connect them.":
        "从组件面板拖入一个输入、一个层和一个输出。\n再从节点右侧的端口拖到下一个节点，把它们连接起来。",
    # main window
    "Opened": "已打开",
    "&New": "新建(&N)",
    "Start an empty network": "新建一个空网络",
    "&Open…": "打开(&O)…",
    "Open a .ffn file": "打开 .ffn 文件",
    "&Save": "保存(&S)",
    "Save the network": "保存网络",
    "Save &As…": "另存为(&A)…",
    "Save the network under a new name": "以新文件名保存网络",
    "&Revert": "还原(&R)",
    "Reload the network as last saved": "重新载入上次保存的网络",
    "Export Diagram as &PNG…": "将网络图导出为 &PNG…",
    "Save a picture of the network": "保存网络的图片",
    "Export Diagram as S&VG…": "将网络图导出为 S&VG…",
    "Save a scalable drawing of the network": "保存网络的矢量图",
    "&Quit": "退出(&Q)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "Cu&t": "剪切(&T)",
    "&Copy": "复制(&C)",
    "&Paste": "粘贴(&P)",
    "&Delete": "删除(&D)",
    "Select &All": "全选(&A)",
    "&Type Weight or Bias…": "输入权重或偏置(&T)…",
    "Type the value of the selected edge's weight or unit's bias": "输入所选连接的权重或所选单元的偏置",
    "Restore &Edge": "恢复连接(&E)",
    "Put back the selected removed edge": "恢复所选的已删除连接",
    "Re-&initialise Weights": "重新初始化权重(&I)",
    "Fresh initial weights for the selected nodes (all nodes when none is selected)":
        "为所选节点重新初始化权重（未选择时为所有节点）",
    "&New Random Weights": "新的随机权重(&N)",
    "Draw every weight with the next seed: another start for training": "用下一个随机种子抽取所有权重：换一个训练起点",
    "&History": "历史记录(&H)",
    "Zoom &In": "放大(&I)",
    "Zoom &Out": "缩小(&O)",
    "&Actual Size": "实际大小(&A)",
    "&Fit to Window": "适应窗口(&F)",
    "A&rrange in Columns": "按列排列(&R)",
    "Lay the nodes out in columns by depth": "按深度把节点排成列",
    "&About {0}": "关于 {0}(&A)",
    "About &Qt": "关于 &Qt",
    "&File": "文件(&F)",
    "Open &Example": "打开示例(&E)",
    "Open &Recent": "最近打开(&R)",
    "&Edit": "编辑(&E)",
    "&View": "视图(&V)",
    "&Panels": "面板(&P)",
    "&Theme": "主题(&T)",
    "&Language": "语言(&L)",
    "&Help": "帮助(&H)",
    "Main toolbar": "主工具栏",
    "Training: epoch, step, the last mini-batch's loss, speed": "训练：轮、步、最后一个小批量的损失、速度",
    "1 node": "1 个节点",
    "{0} nodes": "{0} 个节点",
    "1 parameter": "1 个参数",
    "{0} parameters": "{0} 个参数",
    "Empty network": "空网络",
    "Drag an input, layers and an output from the palette.": "从组件面板拖入输入、层和输出。",
    "The network is complete: every node reaches the output.": "网络已完整：每个节点都能到达输出。",
    "New random weights: seed {0}": "新的随机权重：种子 {0}",
    "System language": "跟随系统语言",
    "The language changes when Backprop Studio starts again.": "重新启动 Backprop Studio 后切换语言。",
    "About {0}": "关于 {0}",
    # palette
    "Input": "输入",
    "Neuron": "神经元",
    "Layer": "层",
    "Output": "输出",
    "One unit per feature of the data": "数据的每个特征对应一个单元",
    "A single unit: z = Σ wᵢxᵢ + b, a = f(z)": "单个单元：z = Σ wᵢxᵢ + b，a = f(z)",
    "A group of units sharing one activation": "一组共用一个激活函数的单元",
    "The prediction, with its loss": "预测，以及它的损失函数",
    "Drag onto the canvas, or double-click to add it in the middle of the view":
        "拖到画布上，或双击把它添加到视图中央",
    "Drag onto the canvas, then drag from a node's right port to another node to connect them.":
        "拖到画布上，再从节点右侧的端口拖到另一个节点，把它们连接起来。",
    "units": "单元数",
    "How many units the new layer gets (over 32 it is drawn as a block)": "新层的单元数（超过 32 个时画成一个方块）",
    # panels
    "Palette": "组件",
    "Properties": "属性",
    "History": "历史记录",
    "Training": "训练",
    "Data and boundary": "数据与决策边界",
    "Curves": "曲线",
    "Activations": "活性值",
    "Weights": "权重",
    "Gradients": "梯度",
    "Backprop stepper": "反向传播单步演示",
    "Optimiser race": "优化器比赛",
    "Loss landscape": "损失曲面",
    "Optimiser internals": "优化器内部状态",
    "Activation explorer": "激活函数浏览器",
    "Vanishing gradients": "梯度消失",
    # training
    "Play": "开始",
    "Train until paused": "训练直到暂停",
    "Step batch": "单步（小批量）",
    "Train one mini-batch, then pause": "训练一个小批量，然后暂停",
    "Step epoch": "单步（一轮）",
    "Train to the end of this epoch, then pause": "训练到本轮结束，然后暂停",
    "Reset": "重置",
    "Back to the initial weights for this seed (undoable); starts a new run":
        "回到此种子的初始权重（可撤销）；开始新的一次训练",
    "Pause": "暂停",
    "Pause training": "暂停训练",
    "Speed": "速度",
    "Watchable: one run of the set epochs takes a few seconds, so the boundary visibly forms. Fastest: as fast "
    "as this computer goes. Slower: single steps":
        "可观察：按设定的轮数训练一次约需几秒，可以看到决策边界逐渐形成。最快：以这台计算机的最快速度训练。更慢：逐步观察每一步",
    "Watchable": "可观察",
    "Fastest": "最快",
    "1000 steps/s": "每秒 1000 步",
    "300 steps/s": "每秒 300 步",
    "100 steps/s": "每秒 100 步",
    "30 steps/s": "每秒 30 步",
    "10 steps/s": "每秒 10 步",
    "3 steps/s": "每秒 3 步",
    "1 step/s": "每秒 1 步",
    "Progress towards the number of epochs asked for, and the time left": "距设定轮数的进度，以及剩余时间",
    "Ready": "就绪",
    "Data": "数据",
    "CSV file…": "CSV 文件…",
    "Dataset": "数据集",
    "Your own points (click the data plot to add, right-click to remove)": "你自己画的点（单击数据图添加，右键删除）",
    "Number of points": "点的个数",
    "Noise: 0 is the clean shape, 0.5 makes the classes overlap": "噪声：0 为干净的形状，0.5 使各类重叠",
    "Seed: the same seed draws the same points": "种子：相同的种子生成相同的点",
    "No file chosen": "未选择文件",
    "Choose…": "选择…",
    "Target column": "目标列",
    " % test": " % 测试集",
    "Share of the points held out to test on (never trained on)": "留作测试集的样本比例（从不用于训练）",
    "Standardise inputs": "标准化输入",
    "Split": "划分",
    "Inputs": "输入",
    "Optimiser": "优化器",
    "all (full batch)": "全部（批量梯度下降）",
    "Batch size": "批量大小",
    "λ of the L2 penalty λ/2 ‖W‖² (weight decay); 0 = none": "L2 正则化项 λ/2 ‖W‖² 的 λ（权重衰减）；0 = 不使用",
    "until stopped": "直到停止",
    "Play trains this many epochs, then stops (0: until you pause)": "开始后训练这么多轮，然后停止（0：直到你暂停）",
    "Epochs": "轮数",
    "off": "关闭",
    " epochs": " 轮",
    "Stop early": "提前停止",
    "Two Gaussians": "两个高斯分布",
    "Circles": "同心圆",
    "Moons": "双月",
    "Spiral": "螺旋",
    "Regression surface": "回归曲面",
    "Iris (4 features, 3 classes)": "鸢尾花（4 个特征，3 类）",
    "Digits 8×8 (64 features, 10 classes)": "手写数字 8×8（64 个特征，10 类）",
    "Lecture: linear neuron (x = 1.5, y = 0.8 first)": "讲义：线性神经元（第一个样本 x = 1.5，y = 0.8）",
    "Lecture: sigmoid neuron (x = ±0.5 … ±2)": "讲义：Logistic 神经元（x = ±0.5 … ±2）",
    "Lecture: 3-3-3 network (6 samples, 3 classes)": "讲义：3-3-3 网络（6 个样本，3 类）",
}

ZH_CN.update({
    # status
    "Epoch {0}": "第 {0} 轮",
    "step {0}": "第 {0} 步",
    "batch loss {0}": "小批量损失 {0}",
    "{0} steps/s": "每秒 {0} 步",
    "stopped early, epoch {0}'s weights kept": "已提前停止，保留第 {0} 轮的权重",
    "done": "完成",
    "diverged": "已发散",
    "paused": "已暂停",
    "training loss": "训练集损失",
    "batch loss": "小批量损失",
    "Saved: epoch {0} · step {1}": "已保存：第 {0} 轮 · 第 {1} 步",
    "New network": "新网络",
    "Opened the example {0}": "已打开示例 {0}",
    "Opened {0}": "已打开 {0}",
    "Recovered unsaved work": "已恢复未保存的工作",
    "Ready to train": "可以训练",
    # training dock
    "Shift and scale each input to mean 0 and standard deviation 1 (statistics from the training part only)":
        "平移并缩放每个输入，使其均值为 0、标准差为 1（统计量只取自训练集）",
    "Feed {0} to the network as an input unit": "把 {0} 作为一个输入单元送入网络",
    "Samples per gradient step: 1 = stochastic gradient descent, all = full-batch gradient descent (set 0)":
        "每个梯度下降步的样本数：1 = 随机梯度下降，全部 = 批量梯度下降（设为 0）",
    "Change L2 λ": "修改 L2 λ",
    "Change epochs": "修改轮数",
    "Early stopping: stop once the test loss (the training loss without a test set) has not improved for this "
    "many epochs, and keep the weights of its best epoch (off: train all the epochs)":
        "提前停止：测试集损失（没有测试集时为训练集损失）连续这么多轮没有改进时停止训练，"
        "并保留最好一轮的权重（关闭：训练全部轮数）",
    "Change early stopping": "修改提前停止",
    "Change {0}": "修改 {0}",
    "Use {0}": "使用 {0}",
    "Change batch size": "修改批量大小",
    "Open a CSV file": "打开 CSV 文件",
    "“{0}” was not used.": "未使用“{0}”。",
    "{0} rows, {1} features, ": "{0} 行，{1} 个特征，",
    "{0} classes": "{0} 类",
    "regression": "回归",
    "{0} (in use)": "{0}（正在使用）",
    "No file in use": "未使用文件",
    "epoch {0} of {1}": "第 {0} 轮，共 {1} 轮",
    "{0} left": "还剩 {0}",
    "stopped early at epoch {0} (best: {1})": "在第 {0} 轮提前停止（最好：第 {1} 轮）",
    "{0} epochs done": "{0} 轮已完成",
    "epoch {0}": "第 {0} 轮",
})

ZH_CN.update({
    "noise": "噪声",
    "seed": "种子",
    "learning rate": "学习率",
    "stability": "稳定常数",
    "decay": "衰减率",
    "momentum": "动量",
})

ZH_CN.update({
    # activations panel
    "A fixed batch of training samples (one column of pixels each), or a single sample's values as bars":
        "一个固定的训练样本批次（每个样本一列像素），或单个样本各值的条形图",
    "Bars: each unit's value for the chosen sample. Output: the net input z, the output (p: the probability) "
    "and the error the loss sends back, dL/dz = p − y.":
        "条形：所选样本在每个单元上的值。输出层：净输入 z、输出（p：概率）以及损失函数传回的误差 dL/dz = p − y。",
    "Each column of pixels is one sample of a fixed batch (sorted by class), each row one unit. Orange < 0 < "
    "blue; probabilities: orange = 0, blue = 1. Output: net input z, probability p, error p − y.":
        "每列像素是固定批次中的一个样本（按类别排序），每行是一个单元。橙色 < 0 < 蓝色；"
        "概率：橙色 = 0，蓝色 = 1。输出层：净输入 z、概率 p、误差 p − y。",
    # data and boundary
    "Colour the plane by the network's output, or by one hidden unit's output": "按网络的输出或某个隐藏单元的输出给平面着色",
    "Left-click on the plot adds a point of this class; right-click removes one": "在图上左键单击添加一个该类的点；右键删除一个点",
    "Left-click on the plot adds a point with this target value": "在图上左键单击添加一个具有该目标值的点",
    "Click adds": "单击添加",
    "Colour by": "着色依据",
    "Pick for stepper": "选取给单步演示",
    "On: a click on a point walks that sample in the Backprop stepper (Ctrl+click does so at any time)":
        "开启时：单击一个点即在反向传播单步演示中逐步计算该样本（任何时候按住 Ctrl 单击也可以）",
    "The curves panel shows how well the network fits (R²).": "曲线面板显示网络的拟合程度（R²）。",
    "the network's output": "网络的输出",
    "Grey points: the data (training filled, test ringed); red: the network's output for each input.":
        "灰点：数据（训练集为实心，测试集为空心圆）；红色：网络对每个输入的输出。",
    "Background: the class the network predicts (its colour), paler where it is less sure. Left-click adds a "
    "point, right-click removes one.":
        "背景：网络预测的类别（该类的颜色），越不确定颜色越浅。左键单击添加一个点，右键删除一个点。",
    # curves
    "Horizontal axis: mini-batch steps or epochs (passes over the training set)": "横轴：小批量步数或轮数（遍历训练集的次数）",
    "Log scale": "对数坐标",
    "Loss on a logarithmic scale: shows progress when the loss is already small": "对数坐标显示损失：损失已经很小时也能看出进展",
    "Mini-batch loss": "小批量损失",
    "The loss of each mini-batch (noisy) behind the per-epoch curves": "在每轮曲线后面显示每个小批量的损失（有噪声）",
    "Fit": "适应",
    "Show all of the curves again (after zooming or panning) and follow them": "重新显示全部曲线（缩放或平移之后）并跟随更新",
    "Clear earlier runs": "清除以前的训练",
    "Keep only the current run's curves": "只保留当前这次训练的曲线",
    # gradients
    "Gradient norms span many orders of magnitude when they vanish or explode": "梯度消失或梯度爆炸时，梯度的范数跨越许多数量级",
    # weights
    "Re-initialise all weights": "重新初始化所有权重",
    "Draw every weight afresh from its initialiser (with the seed); undoable": "用各自的初始化方法（和种子）重新抽取所有权重；可撤销",
    "New random weights": "新的随机权重",
    "Draw every weight with the next seed: another start for training (undoable; the seed is saved with the file)":
        "用下一个种子抽取所有权重：换一个训练起点（可撤销；种子随文件保存）",
    "Connection": "连接",
    "Which weights to show (selecting a connection on the canvas picks it too)": "显示哪一组权重（在画布上选中一个连接也可以选择它）",
    # properties
    "Click a node, a unit or a single edge on the canvas to see and change it here. Drag on empty canvas to "
    "select several nodes.":
        "在画布上单击一个节点、单元或单条连接，即可在这里查看和修改。在画布空白处拖动可以选择多个节点。",
    "a name for this node": "此节点的名称",
    "Name": "名称",
    "Changing the units keeps every weight that still fits": "修改单元数时，保留所有仍然适用的权重",
    "Units": "单元数",
    "Activation": "激活函数",
    "each unit adds a bias b": "每个单元加上偏置 b",
    "Bias": "偏置",
    "How fresh weights into this node are drawn": "如何抽取进入此节点的新权重",
    "Initialiser": "初始化方法",
    "Init scale": "初始化尺度",
    "None": "无",
    "Choosing cross-entropy also picks the output activation it needs": "选择交叉熵损失时，也会选择它所需的输出激活函数",
    "Loss": "损失函数",
    "Unit bias": "单元偏置",
    "Re-initialise weights": "重新初始化权重",
    "Fresh weights into this node and its biases (undoable)": "重新初始化进入此节点的权重和它的偏置（可撤销）",
    "Weight": "权重",
    "Restore removed edges": "恢复已删除的连接",
    "Delete connection": "删除连接",
    "Re-initialise their weights": "重新初始化它们的权重",
})

ZH_CN.update({"Features": "特征数"})
